import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { toolList } from "./conformance/registry.js";

// Runs in `pnpm test` (no tool needed): the contributing page's pins cannot drift from the registry.
describe("docs/contributing.md § Conformance", () => {
  const page = readFileSync(new URL("../docs/contributing.md", import.meta.url), "utf8");
  const start = page.indexOf("## Conformance");
  const end = page.indexOf("\n## ", start + 1);
  const section = page.slice(start, end === -1 ? undefined : end);
  const pinned = toolList.flatMap((tool) => tool.packages.map((p) => `${p.name}@${p.version}`));

  it.each(pinned)("names the pinned %s", (spec) => {
    expect(section).toContain(`\`${spec}\``);
  });

  it("names no package the registry does not pin", () => {
    const named = [...section.matchAll(/\| `(@?[a-z0-9@/._-]+@\d[^`]*)` \|/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((n) => !pinned.includes(n ?? ""))).toEqual([]);
  });
});
