import { defineConfig, devices } from "@playwright/test";
import { E2E } from "./e2e/env";

const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const launchOptions = {
  executablePath: chromium,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
};

/**
 * Two production servers (`next start` on the build made before): one seeded with two
 * organizations for the console flows, one empty for first-run setup. Both on embedded PGlite.
 */
export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  // Uploads run face detection on a shared 2-core machine: allow for a busy moment.
  expect: { timeout: 30_000 },
  reporter: [["list"]],
  use: { baseURL: E2E.seededUrl, launchOptions, trace: "retain-on-failure", screenshot: "only-on-failure" },
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
