import type { PlaywrightTestConfig } from "@playwright/test";

/** Debian's Chromium, or the one CHROMIUM_PATH names (scripts/ensure-chromium.sh finds or installs it). */
export const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

/** How every suite starts that Chromium: in a container, without a GPU, and quiet on the network. */
export const launchOptions = {
  executablePath: chromiumPath,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
};

/**
 * What playwright.config.ts and playwright.security.config.ts share: one test at a time against
 * production servers on a shared machine, no retries, the list reporter, and a trace of a failure.
 */
export const baseConfig = {
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: { launchOptions, trace: "retain-on-failure" },
} satisfies PlaywrightTestConfig;
