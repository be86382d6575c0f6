import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { PartSpool } from "../src/build/part-spool.js";

const parents: string[] = [];
function parent(): string {
  const dir = mkdtempSync(join(tmpdir(), "persona-spool-test-"));
  parents.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of parents.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("PartSpool (parts of shared files kept on disk)", () => {
  it("gives back each target's parts in the order added, as they were, and then forgets them", () => {
    const spool = new PartSpool(parent());
    const roo = [
      { id: "b", build: "0123456789abcdef", part: { source: "b.md", slug: "b", text: "- slug: b\n  name: Bé — ✓" } },
      { id: "a", build: "fedcba9876543210", part: { source: "a.md", slug: "a", text: "" } },
    ];
    const mcp = {
      id: "a",
      build: "1111111111111111",
      part: { source: "a.md", at: { line: 2, column: 7 }, json: "{}" },
    };
    spool.add("roo", roo[0] as (typeof roo)[0]);
    spool.add("mcp", mcp);
    spool.add("roo", roo[1] as (typeof roo)[0]);
    expect(spool.take("roo")).toEqual(roo);
    expect(spool.take("mcp")).toEqual([mcp]);
    expect(spool.take("roo")).toEqual([]);
    expect(spool.take("copilot")).toEqual([]);
    spool.close();
  });

  it("keeps no named file while open (a killed build leaves none) and removes its folder on close", () => {
    const dir = parent();
    const spool = new PartSpool(dir);
    spool.add("agents-md", { id: "a", build: "0123456789abcdef", part: { source: "a.md", text: "x".repeat(100_000) } });
    const [folder] = readdirSync(dir);
    expect(folder).toMatch(/^persona-parts-/);
    if (process.platform !== "win32") expect(readdirSync(join(dir, folder as string))).toEqual([]);
    expect(spool.take("agents-md")[0]?.part).toEqual({ source: "a.md", text: "x".repeat(100_000) });
    spool.add("roo", { id: "b", build: "0123456789abcdef", part: { source: "b.md" } });
    spool.close();
    expect(existsSync(join(dir, folder as string))).toBe(false);
  });

  it("is not opened where no folder can be made (the build then keeps parts in memory)", () => {
    const missing = join(parent(), "no", "such", "folder");
    expect(PartSpool.tryOpen(missing)).toBeUndefined();
    const spool = PartSpool.tryOpen(parent());
    expect(spool).toBeInstanceOf(PartSpool);
    spool?.close();
  });

  it("holds what is added once settled in memory, after the spooled parts, in order", () => {
    const spool = new PartSpool(parent());
    const part = (id: string) => ({ id, build: "0123456789abcdef", part: { source: `${id}.md`, text: id } });
    spool.add("roo", part("c"));
    spool.settle();
    const held = part("a");
    spool.add("roo", held);
    spool.add("roo", part("b"));
    spool.add("mcp", part("m"));
    const taken = spool.take("roo");
    expect(taken.map((p) => p.id)).toEqual(["c", "a", "b"]);
    // Held, not serialised: the very object added.
    expect(taken[1]).toBe(held);
    expect(spool.take("roo")).toEqual([]);
    expect(spool.take("mcp").map((p) => p.id)).toEqual(["m"]);
    spool.close();
  });
});
