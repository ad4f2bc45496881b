/** Fixed facts shared by the Playwright config, the seed script and the specs. */
export const E2E = {
  seededPort: Number(process.env.E2E_PORT_BASE ?? 3217),
  freshPort: Number(process.env.E2E_PORT_BASE ?? 3217) + 1,
  get seededUrl() {
    return `http://localhost:${this.seededPort}`;
  },
  get freshUrl() {
    return `http://localhost:${this.freshPort}`;
  },
  password: "e2e-password-123",
  resultsDir: "test-results",
  /** Written by the seed: raw API keys of org A and org B (`{ a, b }`). */
  get keysFile() {
    return `test-results/e2e-keys-${this.seededPort}.json`;
  },
  orgA: "E2E Org A",
  orgB: "E2E Org B",
  users: {
    ownerA: "owner-a@e2e.test",
    adminA: "admin-a@e2e.test",
    reviewerA: "reviewer-a@e2e.test",
    ownerB: "owner-b@e2e.test",
    signOutA: "signout-a@e2e.test",
    passwordA: "password-a@e2e.test",
  },
} as const;
