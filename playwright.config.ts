import { defineConfig, devices } from "@playwright/test";
import { E2E } from "./e2e/env";
import { baseConfig, launchOptions } from "./e2e/playwright-base";

/**
 * Two production servers (`next start` on the build made before): one seeded with two
 * organizations for the console flows, one empty for first-run setup. Both on embedded PGlite.
 */
export default defineConfig({
  ...baseConfig,
  testDir: "./e2e",
  timeout: 60_000,
  // Uploads run face detection on a shared 2-core machine: allow for a busy moment.
  expect: { timeout: 30_000 },
  use: { ...baseConfig.use, baseURL: E2E.seededUrl, screenshot: "only-on-failure" },
  projects: [
    {
      name: "desktop",
      use: { ...devices["Desktop Chrome"], launchOptions },
      testIgnore: [/mobile\..*spec\.ts/, /security\//],
    },
    { name: "mobile", use: { ...devices["Pixel 7"], launchOptions }, testMatch: /mobile\..*spec\.ts/ },
  ],
  webServer: [
    {
      command: `bash scripts/e2e-server.sh ${E2E.seededPort} seed`,
      url: `${E2E.seededUrl}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
    },
    {
      command: `bash scripts/e2e-server.sh ${E2E.freshPort} fresh`,
      url: `${E2E.freshUrl}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});
