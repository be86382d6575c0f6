import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { declaredOutputs, matchesOutput } from "../packages/core/src/index.js";

// Everything about targets derives from the registry's output declarations; this guards the one
// thing a new target must bring by hand besides its file, templates and registry line: real
// output of the bundled personas in examples/generated (goldens are guarded by the golden matrix
// test, the docs tables by test/docs.test.ts).

const EXAMPLES = fileURLToPath(new URL("../examples/generated/", import.meta.url));

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [relative(EXAMPLES, full).split("\\").join("/")];
  });
}

describe("examples/generated", () => {
  const files = walk(EXAMPLES);

  it.each(declaredOutputs().map((d) => [`${d.target} ${d.name}`, d.output.path] as const))(
    "holds the bundled personas' %s output (%s); run `pnpm persona build`",
    (_, pattern) => {
      expect(files.filter((f) => matchesOutput(f, pattern)).length).toBeGreaterThan(0);
    },
  );

  it("holds nothing that no declared output would write", () => {
    const outputs = declaredOutputs();
    expect(files.filter((f) => !outputs.some((d) => matchesOutput(f, d.output.path)))).toEqual([]);
  });
});
