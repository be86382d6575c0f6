import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { targetIds, targets } from "../packages/core/src/index.js";
// @ts-expect-error: a plain .mjs module shared with scripts/gen-docs.mjs
import { renderTargetsReference, renderTargetsTable, replaceTargetsBlock } from "../scripts/targets-table.mjs";

describe("docs derived from the registry", () => {
  it("README's targets table matches the registry (run `node scripts/gen-docs.mjs` after a build)", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const table = (renderTargetsTable as (t: unknown) => string)(targets);
    expect(readme).toContain(table);
    expect((replaceTargetsBlock as (d: string, t: string) => string | undefined)(readme, table)).toBe(readme);
  });

  it("docs/targets.md matches the registry (run `node scripts/gen-docs.mjs` after a build)", () => {
    const doc = readFileSync(new URL("../docs/targets.md", import.meta.url), "utf8");
    expect(doc).toBe((renderTargetsReference as (t: unknown) => string)(targets));
    for (const id of targetIds) expect(doc, `docs/targets.md has no section for ${id}`).toContain(`## \`${id}\``);
  });

  it("README opens with the two commands CI runs", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const ci = readFileSync(new URL("../.ci/run", import.meta.url), "utf8");
    const test = "npm i -g pnpm@12.4.2 && pnpm install && pnpm test";
    expect(readme.indexOf(test)).toBeGreaterThan(0);
    expect(readme.indexOf(test)).toBeLessThan(800);
    expect(ci).toContain(`\n${test}\n`);
    expect(readme).toContain("npm i -g pnpm@12.4.2 && pnpm install && pnpm build && pnpm persona build");
  });
});
