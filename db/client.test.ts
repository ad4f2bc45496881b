import { expect, it } from "vitest";
import { closeDb, getDb } from "./client";

// A request during shutdown reopened the embedded database after closeDb, and nobody closed that one:
// its unclean end emptied the unlogged keys table at the next start (embedded-restart.spec).
it("refuses to open the database again once it was closed for the process", async () => {
  await closeDb();
  await expect(getDb()).rejects.toMatchObject({ code: "SHUTTING_DOWN" });
});
