import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContext } from "./context.js";
import { copyRoot, projectPaths } from "./project.js";
import { toolList } from "./registry.js";
import { type Breakage, type CheckContext, type CheckResult, formatFinding } from "./tool.js";

/** One check run over a copy damaged by some breakages: the files each damaged, and what the tool said. */
interface Run {
  breakages: readonly Breakage[];
  broken: Map<string, string>;
  result: CheckResult;
}

// Every check must be able to fail: each tool's breakages damage files of a copy of
// examples/generated (never the examples themselves), one run of the check reads them all (or one
// run per breakage, for a tool whose breakages share a file), and the tool must complain about each
// damaged file in its own words, and about nothing else.
describe.each(toolList)("$title catches a broken file", (tool) => {
  const runs: Run[] = [];
  const roots: string[] = [];

  beforeAll(async () => {
    const context: CheckContext = await createContext();
    const groups = tool.isolateBreakages ? tool.breakages.map((b) => [b]) : [tool.breakages];
    for (const [i, breakages] of groups.entries()) {
      const root = await copyRoot(projectPaths().out, `broken-${tool.id}-${i}`);
      roots.push(root);
      const broken = new Map<string, string>();
      for (const breakage of breakages) broken.set(breakage.title, await breakage.apply(root, context));
      runs.push({ breakages, broken, result: await tool.check(root, context) });
    }
  });
  afterAll(async () => {
    await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
  });

  it.each(tool.breakages)("$title", (breakage) => {
    const run = runs.find((r) => r.breakages.includes(breakage));
    const file = run?.broken.get(breakage.title);
    const about = run?.result.findings.filter((f) => f.file === file) ?? [];
    for (const { via, message } of breakage.expect) {
      const caught = about.some((f) => via.test(f.via) && message.test(f.message));
      expect(
        caught,
        `no finding on ${file} from ${via} matching ${message} in ${JSON.stringify(about.map(formatFinding), null, 2)}`,
      ).toBe(true);
    }
  });

  it("complains about the broken files only", () => {
    const stray = runs.flatMap((run) => {
      const files = new Set(run.broken.values());
      return run.result.findings.filter((f) => !files.has(f.file));
    });
    expect(stray.map(formatFinding)).toEqual([]);
  });
});
