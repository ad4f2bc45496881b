// A stand-in app process for crash tests: submits one self-registration upload and prints the outcome.
// Run: DATABASE_URL=… tsx --conditions=react-server test/upload-child.ts TOKEN IMAGE_FILE
import { readFileSync } from "node:fs";
import { closeDb, getDb } from "@/db/client";
import { shutdownPortraitWorkers } from "@/lib/portrait";
import { submitSelfRegistration } from "@/lib/uploads/self-registration";

const [token, file] = process.argv.slice(2);
const db = await getDb();
console.log("ready");
const outcome = await submitSelfRegistration(db, token!, readFileSync(file!), "192.0.2.250");
console.log(JSON.stringify(outcome));
await shutdownPortraitWorkers();
await closeDb();
