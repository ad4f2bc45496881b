import { defineConfig, devices } from "@playwright/test";
import { baseConfig, launchOptions } from "./e2e/playwright-base";
import { SEC } from "./e2e/security/env";

/**
 * The security suite (`npm run test:security`, after `next build`): one production server on its
 * own PostgreSQL database. "attacks" runs first; "logs" then reads everything the server printed.
 */
export default defineConfig({
  ...baseConfig,
  testDir: "./e2e/security",
  timeout: 120_000,
  expect: { timeout: 30_000 },
  use: { ...baseConfig.use, baseURL: SEC.baseUrl },
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
