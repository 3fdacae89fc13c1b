// ESLint (flat config) for the site: `npm run lint` runs it with `prettier --check`; `make test-site` runs both
// before the unit tests. Formatting is Prettier's alone (eslint-config-prettier turns off the rules it owns).
import { readdirSync } from "node:fs";
import { resolve } from "node:path";
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import checkFile from "eslint-plugin-check-file";
import { createNodeResolver, importX } from "eslint-plugin-import-x";
import reactHooks from "eslint-plugin-react-hooks";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

const SRC = resolve(import.meta.dirname, "src");
const FEATURES = readdirSync(resolve(SRC, "features"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
// A feature's public API: the one file another feature or the app may import from it.
const PUBLIC_API = `${SRC}/features/*/index.ts`;

/**
 * Import boundaries, as bulletproof-react draws them: the app composes features; a feature imports shared code
 * (lib/, components/) and another feature only through that feature's index.ts; shared code imports no feature and
 * not the app. Test support (src/test/) builds fixtures of every feature's types and is not restricted.
 */
const BOUNDARIES = [
  ...FEATURES.map((feature) => ({
    target: `./features/${feature}`,
    from: "./features/**",
    except: [`${SRC}/features/${feature}/**`, PUBLIC_API],
    message: "A feature imports another feature only through its index.ts (its public API).",
  })),
  {
    target: "./app",
    from: "./features/**",
    except: [PUBLIC_API],
    message: "The app imports a feature only through its index.ts (its public API).",
  },
  { target: "./features", from: "./app", message: "A feature does not import the app." },
  {
    target: ["./lib", "./components"],
    from: ["./features", "./app"],
    message: "Shared code imports no feature and not the app.",
  },
];

export default defineConfig(
  { ignores: ["dist/", "e2e/node_modules/", "e2e/test-results/", "e2e/playwright-report/"] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ["src/**/*.{ts,tsx}"],
    extends: [reactHooks.configs.flat["recommended-latest"]],
  },
  {
    files: ["src/**/*.{ts,tsx}"],
    plugins: { "import-x": importX },
    settings: { "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".tsx", ".js", ".json"] })] },
    rules: {
      "import-x/no-restricted-paths": ["error", { basePath: SRC, zones: BOUNDARIES }],
      // An import the resolver cannot find would escape the boundaries above: it fails instead.
      "import-x/no-unresolved": "error",
    },
  },
  {
    // One naming convention for files and folders, as bulletproof-react has: kebab-case, components too
    // (`checkout-page.tsx` exports `CheckoutPage`); `.test` and other middle extensions are not part of the name.
    files: ["src/**/*.{ts,tsx}"],
    plugins: { "check-file": checkFile },
    rules: {
      "check-file/filename-naming-convention": [
        "error",
        { "src/**/*.{ts,tsx}": "KEBAB_CASE" },
        { ignoreMiddleExtensions: true },
      ],
      "check-file/folder-naming-convention": ["error", { "src/**/": "KEBAB_CASE" }],
    },
  },
  {
    rules: {
      // `_name` marks a value left out on purpose, e.g. the key a rest destructuring drops.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  prettier,
);
