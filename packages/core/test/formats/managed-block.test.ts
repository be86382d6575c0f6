import { describe, expect, it } from "vitest";
import { mergeBlock } from "../../src/formats/block.js";
import { compile, MANAGED_BLOCK_BEGIN, MANAGED_BLOCK_END, type Persona, parsePersona } from "../../src/index.js";

const BLOCK = `${MANAGED_BLOCK_BEGIN}\nnew\n${MANAGED_BLOCK_END}`;
const mergeManagedBlock = (existing: string | undefined, block: string) => {
  const merged = mergeBlock(existing, [block], { begin: MANAGED_BLOCK_BEGIN, end: MANAGED_BLOCK_END });
  return "chunks" in merged ? { text: merged.chunks.join("") } : merged;
};
const PATH = ".github/copilot-instructions.md";

describe("merging a managed block", () => {
  it("creates the file with only the block when there is none", () => {
    expect(mergeManagedBlock(undefined, BLOCK)).toEqual({ text: `${BLOCK}\n` });
  });

  it("replaces only the text between the markers, keeping user text byte for byte", () => {
    const before = "# Mine\r\n\r\nTrailing spaces   \n\n\n";
    const after = "\n\n  tail without newline";
    const existing = `${before}${MANAGED_BLOCK_BEGIN}\nold\nlines\n${MANAGED_BLOCK_END}${after}`;
    expect(mergeManagedBlock(existing, BLOCK)).toEqual({ text: `${before}${BLOCK}${after}` });
  });

  it("appends the block after user text that has none, leaving that text untouched", () => {
    expect(mergeManagedBlock("# Mine", BLOCK)).toEqual({ text: `# Mine\n\n${BLOCK}\n` });
    expect(mergeManagedBlock("# Mine\n", BLOCK)).toEqual({ text: `# Mine\n\n${BLOCK}\n` });
    expect(mergeManagedBlock("# Mine\n\n", BLOCK)).toEqual({ text: `# Mine\n\n${BLOCK}\n` });
    expect(mergeManagedBlock("", BLOCK)).toEqual({ text: `${BLOCK}\n` });
  });

  it.each([
    ["an end marker without a begin marker", `x\n${MANAGED_BLOCK_END}\n`],
    ["a begin marker without an end marker", `x\n${MANAGED_BLOCK_BEGIN}\n`],
    ["the end marker comes before the begin marker", `${MANAGED_BLOCK_END}\n${MANAGED_BLOCK_BEGIN}\n`],
    ["a second begin marker", `${MANAGED_BLOCK_BEGIN}\n${MANAGED_BLOCK_BEGIN}\n${MANAGED_BLOCK_END}\n`],
  ])("refuses %s rather than guess", (problem, existing) => {
    expect(mergeManagedBlock(existing, BLOCK)).toMatchObject({ problem });
  });
});

describe("the copilot target and an existing copilot-instructions.md", () => {
  const persona = ((): Persona => {
    const r = parsePersona("---\nname: a\ndescription: A\n---\n# A\n\nText.\n", { path: "personas/a.md" });
    if (!r.persona) throw new Error("fixture");
    return r.persona;
  })();
  const shared = (existing?: string) => {
    const map = new Map(existing === undefined ? [] : [[PATH, existing] as const]);
    const result = compile([persona], { targets: ["copilot"], existing: map });
    return { file: result.files.find((f) => f.path === PATH), diagnostics: result.diagnostics };
  };

  it("keeps the user's text around the block", () => {
    const existing = `# Rules\n\nUse tabs.\n\n${MANAGED_BLOCK_BEGIN}\nstale\n${MANAGED_BLOCK_END}\n\n## After\n\nKeep me.\n`;
    const text = shared(existing).file?.contents ?? "";
    expect(text.startsWith(`# Rules\n\nUse tabs.\n\n${MANAGED_BLOCK_BEGIN}\n`)).toBe(true);
    expect(text.endsWith(`${MANAGED_BLOCK_END}\n\n## After\n\nKeep me.\n`)).toBe(true);
    expect(text).not.toContain("stale");
    expect(text).toContain("- **A** (`a`): A");
  });

  it("reports broken markers at their line, and emits no shared file", () => {
    const { file, diagnostics } = shared(`# Rules\n\n${MANAGED_BLOCK_BEGIN}\n`);
    expect(file).toBeUndefined();
    expect(diagnostics).toMatchObject([{ severity: "error", rule: "target/managed-block", file: PATH, line: 3 }]);
  });

  it("emits no shared file when there are no personas and no existing file", () => {
    expect(compile([], { targets: ["copilot"] }).files).toEqual([]);
  });

  it("empties the block when the last persona is gone, rather than leaving a stale list", () => {
    const existing = `${MANAGED_BLOCK_BEGIN}\n- **A**\n${MANAGED_BLOCK_END}\n`;
    const result = compile([], { targets: ["copilot"], existing: new Map([[PATH, existing]]) });
    expect(result.files.map((f) => f.path)).toEqual([PATH]);
    expect(result.files[0]?.contents).toContain("No personas are defined.");
  });
});
