import type { Db } from "@/db/client";
import { identities } from "@/db/schema";

const FIRST = [
  "Aiko",
  "Ben",
  "Chloé",
  "Daniel",
  "Emma",
  "Farid",
  "Grace",
  "Hiro",
  "Ines",
  "Jonas",
  "Kenji",
  "Lena",
  "Mateo",
  "Noor",
  "Olga",
  "Pavel",
  "Quinn",
  "Rosa",
  "Sven",
  "Tomoko",
  "Uma",
  "Viktor",
  "Wen",
  "Ximena",
  "Yusuf",
  "Zoe",
  "Akira",
  "Beatriz",
  "Chen",
  "Dmitri",
];
const LAST = [
  "Sato",
  "Müller",
  "Garcia",
  "Kim",
  "Nguyen",
  "Smith",
  "Tanaka",
  "Rossi",
  "Kowalski",
  "Okafor",
  "Haddad",
  "Johansson",
  "Silva",
  "Ivanova",
  "Suzuki",
  "Dubois",
  "Novak",
  "Yamamoto",
  "Khan",
  "Larsen",
  "Moreau",
  "Takahashi",
  "Weber",
  "Lopez",
  "Ito",
  "Fischer",
  "Park",
  "Costa",
  "Nakamura",
  "Brown",
];

/** A deterministic, varied demo name for index i (so repeated seeds look alike). */
export function demoName(i: number): string {
  const a = (i * 7919) % FIRST.length;
  const b = Math.floor(i / FIRST.length) % LAST.length;
  return `${FIRST[a]} ${LAST[(b + i) % LAST.length]}`;
}

/** Inserts `count` demo identities into the organization in batches; external IDs are unique per run. */
export async function seedIdentities(
  db: Db,
  organizationId: string,
  count: number,
  onProgress?: (done: number) => void,
) {
  const runTag = Date.now().toString(36);
  const batch = 5000;
  for (let offset = 0; offset < count; offset += batch) {
    const rows = [];
    for (let i = offset; i < Math.min(count, offset + batch); i++) {
      const name = demoName(i);
      rows.push({
        organizationId,
        externalId: `demo-${runTag}-${String(i).padStart(7, "0")}`,
        displayName: name,
        email: `${name.toLowerCase().replace(/[^a-z]+/g, ".")}.${i}@example.com`,
      });
    }
    await db.insert(identities).values(rows);
    onProgress?.(Math.min(count, offset + batch));
  }
}
