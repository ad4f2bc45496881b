import { defineConfig, devices } from "@playwright/test";
import { SEC } from "./e2e/security/env";

const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
};

/**
 * The security suite (`npm run test:security`, after `next build`): one production server on its
 * own PostgreSQL database. "attacks" runs first; "logs" then reads everything the server printed.
 */
export default defineConfig({
  testDir: "./e2e/security",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 30_000 },
  reporter: [["list"]],
  use: { baseURL: SEC.baseUrl, launchOptions, trace: "retain-on-failure" },
  projects: [
    { name: "attacks", testIgnore: /logs\.spec\.ts/, use: { ...devices["Pixel 7"], launchOptions } },
    { name: "logs", testMatch: /logs\.spec\.ts/, dependencies: ["attacks"] },
  ],
  webServer: {
    command: `bash scripts/security-server.sh ${SEC.port} ${SEC.databaseUrl} ${SEC.serverLog}`,
    url: `${SEC.baseUrl}/api/health`,
    reuseExistingServer: false,
    timeout: 180_000,
  },
});
