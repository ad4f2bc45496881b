import { E2E } from "../env";

/** Facts shared by playwright.security.config.ts, the security seed and the specs. */
const port = Number(process.env.E2E_PORT_BASE ?? 3217) + 2;
const pgBase = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const dbUrl = new URL(pgBase);
dbUrl.pathname = `/imsec_e2e_${port}`;

export const SEC = {
  port,
  baseUrl: `http://localhost:${port}`,
  databaseUrl: dbUrl.toString(),
  serverLog: `test-results/security-server-${port}.log`,
  seedFile: `test-results/security-data-${port}/seed.json`,
  password: E2E.password,
  users: {
    signedOutIsNobody: "",
    reviewerA: E2E.users.reviewerA,
    adminA: E2E.users.adminA,
    ownerA: E2E.users.ownerA,
    reviewerB: "reviewer-b@e2e.test",
    adminB: "admin-b@e2e.test",
    ownerB: E2E.users.ownerB,
  },
};

export interface SecuritySeed {
  orgA: string;
  orgB: string;
  apiKeyA: string;
  apiKeyB: string;
}
