// `npm run eval -- quality [--filter TEXT] [--verbose]`: runs the quality check over the labelled set
// (test/quality-set) and prints, per expected decision and per category, how many were decided right,
// plus the head pose the check reads on the frontal portraits.
import { parseArgs } from "node:util";
import { processPortrait, shutdownPortraitWorkers, type PortraitResult } from "@/lib/portrait";
import { allItems, decidedRight, expectLabel, type Item } from "@/test/quality-set/manifest";

const [suite, ...rest] = process.argv.slice(2);
const { values } = parseArgs({
  args: rest,
  options: { filter: { type: "string" }, verbose: { type: "boolean", default: false } },
});
if (suite !== "quality") {
  console.error("usage: npm run eval -- quality [--filter TEXT] [--verbose]");
  process.exit(2);
}

const items = allItems().filter((i) => !values.filter || i.id.includes(values.filter));
const rows: { item: Item; result: PortraitResult; right: boolean }[] = [];
const started = performance.now();
for (const item of items) {
  const result = await processPortrait(await item.bytes(), { qualityCheck: true });
  const right = decidedRight(item.expect, result);
  rows.push({ item, result, right });
  if (values.verbose || !right) {
    const r = result.report;
    const got = r.accepted
      ? `accepted${r.issues.length ? ` (${r.issues.map((i) => i.code).join(", ")})` : ""}`
      : r.primary?.code;
    console.log(
      `${right ? "  ok " : "  MISS"} ${item.id.padEnd(40)} expected ${expectLabel(item.expect)}, got ${got}`,
    );
  }
}

const pct = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(0)} %`;
const group = <K extends string>(key: (r: (typeof rows)[number]) => K) => {
  const m = new Map<K, typeof rows>();
  for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
  return m;
};
console.log(
  `\nquality set: ${rows.length} photos in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
);
console.log("| expected | right | of | share |\n|---|---:|---:|---:|");
for (const [label, rs] of group((r) => expectLabel(r.item.expect)))
  console.log(
    `| ${label} | ${rs.filter((r) => r.right).length} | ${rs.length} | ${pct(rs.filter((r) => r.right).length, rs.length)} |`,
  );
const right = rows.filter((r) => r.right).length;
console.log(`| **all** | ${right} | ${rows.length} | ${pct(right, rows.length)} |`);
console.log("\n| category | expected | right | of |\n|---|---|---:|---:|");
for (const [category, rs] of group((r) => r.item.category))
  console.log(
    `| ${category} | ${expectLabel(rs[0]!.item.expect)} | ${rs.filter((r) => r.right).length} | ${rs.length} |`,
  );

const frontal = rows.filter((r) => r.item.variant === "original" && r.item.category === "frontal portrait");
console.log(
  "\nhead pose read on the frontal portraits (degrees):\n| photo | yaw | pitch | roll | decision |\n|---|---:|---:|---:|---|",
);
for (const { item, result } of frontal) {
  const f = result.report.face;
  console.log(
    `| ${item.source} | ${f?.yawDeg ?? "-"} | ${f?.pitchDeg ?? "-"} | ${f?.rollDeg ?? "-"} | ${result.report.accepted ? "accepted" : result.report.primary?.code} |`,
  );
}
const abs = (k: "yawDeg" | "pitchDeg" | "rollDeg") =>
  frontal.map((r) => Math.abs(r.result.report.face?.[k] ?? NaN)).filter((v) => !Number.isNaN(v));
const med = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1] ?? NaN;
console.log(
  `median |yaw| ${med(abs("yawDeg")).toFixed(1)}°, |pitch| ${med(abs("pitchDeg")).toFixed(1)}°, |roll| ${med(abs("rollDeg")).toFixed(1)}°; max |yaw| ${Math.max(...abs("yawDeg")).toFixed(1)}°, |pitch| ${Math.max(...abs("pitchDeg")).toFixed(1)}°`,
);
await shutdownPortraitWorkers();
