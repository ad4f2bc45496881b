import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

/**
 * Issue 11, item 6, through the operator CLI itself: `create-user --org NAME` after another
 * organization whose name slugs alike made the user a member of that other organization, and printed
 * the name that was asked for. Now --org always creates, --org-slug joins exactly, and the CLI prints
 * the organization actually used.
 */
const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), "im-admin-cli-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function admin(...args: string[]) {
  const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" };
  try {
    const { stdout, stderr } = await run(
      "npx",
      ["tsx", "--conditions=react-server", "scripts/admin.ts", ...args],
      { env, timeout: 120_000 },
    );
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}
/** `create-user` with the test password and this organization option (--org NAME or --org-slug SLUG). */
const createUser = (email: string, ...org: string[]) =>
  admin("create-user", "--email", email, "--password", "long-enough-1", ...org);
const slugOf = (out: string) => /\(slug: ([^)]+)\)/.exec(out)?.[1];

describe("admin CLI create-user (embedded database)", () => {
  it("creates separate organizations for names that slug alike, joins only by exact slug", async () => {
    const nec = await createUser("a@nec.test", "--org", "日本電気");
    expect(nec.code).toBe(0);
    expect(nec.out).toContain('new organization "日本電気"');
    const fujitsu = await createUser("b@fujitsu.test", "--org", "富士通");
    expect(fujitsu.code).toBe(0);
    expect(fujitsu.out).toContain('new organization "富士通"');
    expect(slugOf(fujitsu.out)).not.toBe(slugOf(nec.out));

    const joined = await createUser("c@nec.test", "--org-slug", slugOf(nec.out)!, "--role", "admin");
    expect(joined.code).toBe(0);
    expect(joined.out).toContain(`existing organization "日本電気" (slug: ${slugOf(nec.out)})`);

    const unknown = await createUser("d@x.test", "--org-slug", "nope");
    expect(unknown.code).not.toBe(0);
    expect(unknown.out).toContain("No organization has this slug");
  }, 300_000);
});
