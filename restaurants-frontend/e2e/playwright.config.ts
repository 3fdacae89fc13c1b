import { defineConfig } from "@playwright/test";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * One journey per user story, in Debian's Chromium, against the real local stack: nginx (:8000) → routes →
 * Kafka → WireMock bank → MailDev. The stack is started by local/run.sh in a throwaway data directory and
 * stopped (SIGTERM) when the run ends. A stack already running on the same ports is reused outside CI.
 */
const STACK_DATA = resolve(dirname(fileURLToPath(import.meta.url)), "../../.data/e2e");

export default defineConfig({
  testDir: "./tests",
  outputDir: "./test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 20_000 },
  reporter: [["list"]],
  use: {
    baseURL: "http://127.0.0.1:8000",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: `rm -rf '${STACK_DATA}' && LOCAL_STACK_DATA_DIR='${STACK_DATA}' bash ../../local/run.sh`,
    url: "http://127.0.0.1:8000/api/search",
    // A first start on a fresh machine also downloads Kafka, WireMock and MailDev.
    timeout: 600_000,
    reuseExistingServer: !process.env.CI,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 90_000 },
  },
});
