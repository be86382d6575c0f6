#!/usr/bin/env node
// Measures routing against a labelled set: top-1 accuracy, requests with no match, and how well the
// 0.7 confidence threshold separates real matches (personas the label accepts) from noise.
//
//   node scripts/routing/eval.mjs LABELS.jsonl PERSONAS_DIR [--verbose] [--set key=value]…
//
// --set changes one of ROUTE_WEIGHTS for this run (`--set keyword=4`, `--set fields.name=1`), to try
// a weight before writing it down in packages/core/src/route/weights.ts.
// Each line of LABELS is {"q": request, "files"?: [paths], "expect": [ids, best first]}. Needs the
// built core (pnpm build).
import { readFileSync } from "node:fs";
import { loadPersonas, ROUTE_WEIGHTS, route } from "../../packages/core/dist/index.js";

const args = process.argv.slice(2);
for (let i = args.indexOf("--set"); i !== -1; i = args.indexOf("--set", i + 1)) {
  const [key, value] = args.splice(i + 1, 1)[0].split("=");
  const path = key.split(".");
  const last = path.pop();
  const owner = path.reduce((o, k) => o[k], ROUTE_WEIGHTS);
  if (!(last in owner)) throw new Error(`no weight ${key}`);
  owner[last] = Number(value);
}
const [labelsFile, dir] = args.filter((a) => !a.startsWith("--"));
const verbose = process.argv.includes("--verbose");
if (!labelsFile || !dir) {
  console.error("usage: node scripts/routing/eval.mjs LABELS.jsonl PERSONAS_DIR [--verbose]");
  process.exit(2);
}
const { personas } = await loadPersonas(dir);
const cases = readFileSync(labelsFile, "utf8")
  .split("\n")
  .filter((l) => l.trim() !== "")
  .map((l) => JSON.parse(l));

let top1 = 0;
let unmatched = 0;
let realAbove = 0;
let real = 0;
let noiseBelow = 0;
let noise = 0;
let topAbove = 0;
const scored = [];
for (const c of cases) {
  const { matches } = route(personas, c.files ? { request: c.q, files: c.files } : { request: c.q });
  const first = matches[0];
  const ok = first !== undefined && c.expect.includes(first.id);
  if (ok) top1++;
  if (!first) unmatched++;
  if (first && first.confidence >= 0.7) topAbove++;
  for (const m of matches) {
    scored.push([m.score, c.expect.includes(m.id), m.reasons.some((r) => r.kind === "mention")]);
    if (c.expect.includes(m.id)) {
      real++;
      if (m.confidence >= 0.7) realAbove++;
    } else {
      noise++;
      if (m.confidence < 0.7) noiseBelow++;
    }
  }
  if (verbose || !ok) {
    const shown = matches
      .slice(0, 4)
      .map((m) => `${m.id}:${m.confidence}`)
      .join(" ");
    console.log(`${ok ? "  ok" : "MISS"} ${JSON.stringify(c.q)} → ${shown || "(none)"}  [want ${c.expect.join("|")}]`);
  }
}
const pct = (a, b) => `${((100 * a) / b).toFixed(1)}% (${a}/${b})`;
console.log(`top-1 accuracy: ${pct(top1, cases.length)}`);
console.log(`requests with no match: ${unmatched}`);
console.log(`best match at confidence >= 0.7: ${pct(topAbove, cases.length)}`);
console.log(`real matches at >= 0.7: ${pct(realAbove, real)}; noise below 0.7: ${pct(noiseBelow, noise)}`);
// The score that best separates real matches from noise (most of both on the right side, mentions
// aside); the confidence scale puts 0.7 there: scale = score / −ln(0.3).
const plain = scored.filter(([, , mention]) => !mention);
let best = { score: 0, right: -1 };
for (const [t] of plain) {
  const right = plain.filter(([s, isReal]) => s >= t === isReal).length;
  if (right > best.right || (right === best.right && t < best.score)) best = { score: t, right };
}
console.log(
  `best separating score: ${best.score} (${pct(best.right, plain.length)} on the right side); scale for 0.7 there: ${(best.score / -Math.log(0.3)).toFixed(2)}`,
);
