import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadPersonas, type Persona, route } from "../../packages/core/src/index.js";

// The labelled requests for the bundled personas live in the project's shared folder, beside the
// repository; the SuperClaude v3 personas too. Without it these measurements cannot run.
const SHARED = fileURLToPath(new URL("../../../shared/", import.meta.url));
const DEV = `${SHARED}routing/dev.jsonl`;
const SUPERCLAUDE = `${SHARED}corpus/superclaude-v3/split`;
const BUNDLED = fileURLToPath(new URL("../../personas", import.meta.url));
const SUPERCLAUDE_LABELS = fileURLToPath(new URL("../fixtures/routing/superclaude-v3.jsonl", import.meta.url));
const hasShared = existsSync(DEV) && existsSync(SUPERCLAUDE);
if (!hasShared) console.warn(`routing accuracy: skipped, ${DEV} is absent`);

interface Labelled {
  q: string;
  files?: string[];
  /** Acceptable personas, the best first. */
  expect: string[];
}

function readLabels(file: string): Labelled[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Labelled);
}

/** Top-1 accuracy, the requests with no match, and the matches on each side of confidence 0.7. */
function measure(personas: readonly Persona[], labels: readonly Labelled[]) {
  let top1 = 0;
  const unmatched: string[] = [];
  const real: number[] = [];
  const noise: number[] = [];
  for (const c of labels) {
    const { matches } = route(personas, c.files ? { request: c.q, files: c.files } : { request: c.q });
    if (matches[0] && c.expect.includes(matches[0].id)) top1++;
    if (matches.length === 0) unmatched.push(c.q);
    for (const m of matches) (c.expect.includes(m.id) ? real : noise).push(m.confidence);
  }
  return {
    top1: top1 / labels.length,
    unmatched,
    realAbove: real.filter((c) => c >= 0.7).length / real.length,
    noiseBelow: noise.filter((c) => c < 0.7).length / noise.length,
  };
}

describe.skipIf(!hasShared)("routing accuracy (docs/routing.md)", () => {
  it("routes at least 90% of the labelled requests for the bundled personas to a right persona first, and none to nothing", async () => {
    const { personas, diagnostics } = await loadPersonas(BUNDLED);
    expect(diagnostics).toEqual([]);
    const m = measure(personas, readLabels(DEV));
    expect(m.top1).toBeGreaterThanOrEqual(0.9);
    expect(m.unmatched).toEqual([]);
  });

  it("separates real matches from noise at confidence 0.7 on the bundled personas", async () => {
    const { personas } = await loadPersonas(BUNDLED);
    const m = measure(personas, readLabels(DEV));
    // Measured 81% and 91% (docs/routing.md); the floors leave room for a persona edit, not a regression.
    expect(m.realAbove).toBeGreaterThanOrEqual(0.75);
    expect(m.noiseBelow).toBeGreaterThanOrEqual(0.88);
  });

  it("routes most requests for SuperClaude v3's personas, whose triggers it was not tuned on", async () => {
    const { personas } = await loadPersonas(SUPERCLAUDE);
    expect(personas).toHaveLength(11);
    const m = measure(personas, readLabels(SUPERCLAUDE_LABELS));
    // Measured 74% (docs/routing.md): SuperClaude's personas have three keywords each and little prose.
    expect(m.top1).toBeGreaterThanOrEqual(0.7);
  });
});
