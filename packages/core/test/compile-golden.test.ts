import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile, formatDiagnostic, targetIds } from "../src/index.js";
import { caseExisting, casePersonas, cases, compileCase, GOLDEN, walk } from "./compile-support.js";

// Golden files: test/golden/<case>/<target>/<path>, one per generated file, with the real
// extension so a diff reads like the file itself; plus each case's diagnostics. Review changes by
// eye, then accept them with `pnpm vitest run packages/core -u`.

describe.each(cases)("golden case %s", (name) => {
  const result = compileCase(name);

  it.each(targetIds)("matches the goldens of %s", async (target) => {
    const files = result.files.filter((f) => f.target === target);
    // A target may leave a case out (Cline writes only personas with file triggers), but then it
    // says so: a target that silently writes nothing is a bug.
    const saidWhy = result.diagnostics.some((d) => d.rule === "target/left-out" && d.severity === "info");
    if (files.length === 0) expect(saidWhy, `${name} emits nothing for ${target}, and says nothing`).toBe(true);
    for (const file of files) await expect(file.contents).toMatchFileSnapshot(join(GOLDEN, name, target, file.path));
    // A golden that no longer corresponds to an output is stale: delete it. (Missing goldens are
    // written by toMatchFileSnapshot, or fail under --ci.)
    const produced = new Set(files.map((f) => f.path));
    expect(walk(join(GOLDEN, name, target)).filter((path) => !produced.has(path))).toEqual([]);
  });

  it("matches its diagnostics", async () => {
    const text = result.diagnostics.map(formatDiagnostic).join("\n");
    await expect(`${text}\n`).toMatchFileSnapshot(join(GOLDEN, name, "diagnostics.txt"));
  });

  it("compiles byte-identically again, whatever the input order", () => {
    const again = compile(casePersonas(name).reverse(), { existing: caseExisting(name) });
    expect(again).toEqual(result);
  });
});

describe("the golden matrix", () => {
  it("covers every target a case emits, and nothing else", () => {
    for (const name of cases) {
      const entries = walk(join(GOLDEN, name)).map((p) => p.split("/")[0]);
      const dirs = [...new Set(entries)].filter((d) => d !== "diagnostics.txt").sort();
      const emitted = [...new Set(compileCase(name).files.map((f) => f.target))].sort();
      expect(dirs, `test/golden/${name}`).toEqual(emitted);
    }
  });

  it("has goldens for every registered target", () => {
    for (const target of targetIds) {
      const covered = cases.filter((name) => walk(join(GOLDEN, name, target)).length > 0);
      expect(covered, `no goldens for target ${target}`).not.toEqual([]);
    }
  });
});
