import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContext } from "./context.js";
import { copyRoot, projectPaths } from "./project.js";
import { toolList } from "./registry.js";
import { type CheckContext, type CheckResult, formatFinding } from "./tool.js";

// Every check must be able to fail: each tool's breakages damage files of a copy of
// examples/generated (never the examples themselves), one run of the check reads them all, and the
// tool must complain about each damaged file in its own words, and about nothing else.
describe.each(toolList)("$title catches a broken file", (tool) => {
  let root: string;
  let result: CheckResult;
  const broken = new Map<string, string>();

  beforeAll(async () => {
    const context: CheckContext = await createContext();
    root = await copyRoot(projectPaths().out, `broken-${tool.id}`);
    for (const breakage of tool.breakages) broken.set(breakage.title, await breakage.apply(root, context));
    result = await tool.check(root, context);
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it.each(tool.breakages)("$title", (breakage) => {
    const file = broken.get(breakage.title);
    const about = result.findings.filter((f) => f.file === file);
    for (const { via, message } of breakage.expect) {
      const caught = about.some((f) => via.test(f.via) && message.test(f.message));
      expect(
        caught,
        `no finding on ${file} from ${via} matching ${message} in ${JSON.stringify(about.map(formatFinding), null, 2)}`,
      ).toBe(true);
    }
  });

  it("complains about the broken files only", () => {
    const files = new Set(broken.values());
    expect(result.findings.filter((f) => !files.has(f.file)).map(formatFinding)).toEqual([]);
  });
});
