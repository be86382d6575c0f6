import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  readYamlEntries,
  YAML_BLOCK_BEGIN,
  YAML_BLOCK_END,
  yamlEntriesBlock,
  yamlItem,
} from "../../src/formats/yaml-block.js";
import { ownershipOf } from "../../src/index.js";

const mode = { slug: "backend", name: "Backend", groups: ["read"], customInstructions: "Line one.\n\nLine three." };
const build = "0123456789abcdef";
const doc = {
  list: "customModes",
  key: "slug",
  entries: [{ name: "backend", source: "personas/backend.md", build, text: yamlItem(mode) }],
};
const stamp = { sources: ["personas/backend.md"] };
const write = (existing: string | undefined) => yamlEntriesBlock.write(doc, stamp, existing);
const text = (existing: string | undefined) => {
  const result = write(existing);
  if ("problem" in result) throw new Error(result.problem);
  return result.chunks.join("");
};
const slugs = (yaml: string) => (parse(yaml) as { customModes: { slug: string }[] }).customModes.map((m) => m.slug);

const userModes = `# my modes\ncustomModes:\n    - slug: mine   # keep this comment\n      name: "Mine"\n      roleDefinition: r\n      groups: [read]\n\nother: 1\n`;

describe("persona's entries in a YAML list the user also edits", () => {
  it("creates the file with only persona's block, blank lines in block scalars kept", () => {
    const created = text(undefined);
    expect(created.startsWith(`customModes:\n  ${YAML_BLOCK_BEGIN}\n`)).toBe(true);
    expect(parse(created)).toEqual({ customModes: [mode] });
    expect(readYamlEntries(created)).toEqual(new Map([["personas/backend.md", { build, text: yamlItem(mode) }]]));
    expect(created).toContain("      Line one.\n\n      Line three.\n");
    expect(ownershipOf("yaml", created)).toBe("managed");
  });

  it("adds its block after the user's last entry, at their indentation, keeping every byte of theirs", () => {
    const merged = text(userModes);
    const at = merged.indexOf(YAML_BLOCK_BEGIN);
    const lineStart = merged.lastIndexOf("\n", at) + 1;
    expect(merged.slice(lineStart, at)).toBe("    ");
    const end = merged.indexOf("\n", merged.indexOf(YAML_BLOCK_END)) + 1;
    expect(merged.slice(0, lineStart) + merged.slice(end)).toBe(userModes);
    expect(slugs(merged)).toEqual(["mine", "backend"]);
    expect((parse(merged) as { other: number }).other).toBe(1);
    // Read back at the usual indentation again, blank lines of the block scalar still blank.
    expect(merged).toContain("        Line one.\n\n        Line three.\n");
    expect(readYamlEntries(merged)).toEqual(new Map([["personas/backend.md", { build, text: yamlItem(mode) }]]));
  });

  it("writes each entry's text as one chunk of a new file's block, at the indentation it was made with", () => {
    const result = write(undefined);
    if ("problem" in result) throw new Error(result.problem);
    expect(result.chunks).toContain(doc.entries[0]?.text);
    expect(yamlItem(mode)).toBe(
      "  - slug: backend\n    name: Backend\n    groups:\n      - read\n    customInstructions: |-\n      Line one.\n\n      Line three.\n",
    );
  });

  it("replaces its block on the next build and leaves the user's entries alone", () => {
    const once = text(userModes);
    const qa = {
      name: "qa",
      source: "personas/qa.md",
      build,
      text: yamlItem({ slug: "qa", name: "QA", groups: ["read"] }),
    };
    const changed = yamlEntriesBlock.write({ ...doc, entries: [qa] }, { sources: [] }, once);
    if ("problem" in changed) throw new Error(changed.problem);
    const twice = changed.chunks.join("");
    expect(slugs(twice)).toEqual(["mine", "qa"]);
    expect(twice.startsWith(userModes.slice(0, userModes.indexOf("\nother:")))).toBe(true);
  });

  it("adds the list when the file has none, and fills an empty `customModes:`", () => {
    expect(slugs(text("other: 1\n"))).toEqual(["backend"]);
    expect(slugs(text("customModes:\nother: 1\n"))).toEqual(["backend"]);
  });

  it.each([
    ["a user entry with persona's slug", "customModes:\n  - slug: backend\n    name: Mine\n", /slug `backend`/, 23],
    ["a list in flow style", "customModes: []\n", /not a block-style YAML list/, 13],
    ["JSON", '{"customModes": []}\n', /not a block-style YAML mapping/, 0],
    ["broken YAML", "customModes:\n  - [unclosed\n", /not valid YAML/, -1],
    ["a begin line without an end line", `customModes:\n  ${YAML_BLOCK_BEGIN}\n`, /begin marker without an end/, 15],
  ])("refuses %s, saying where", (_, existing, problem, offset) => {
    const result = write(existing);
    expect(result).toMatchObject({ problem: expect.stringMatching(problem) });
    if (offset >= 0 && "offset" in result) expect(result.offset).toBe(offset);
  });

  it("finds a user entry with persona's slug around persona's block, at its offset in the file", () => {
    const ours = text("customModes:\n");
    const existing = `${ours}  - slug: backend\n    name: Mine\n`;
    const result = write(existing);
    expect(result).toMatchObject({ problem: expect.stringMatching(/slug `backend`/) });
    if ("offset" in result) expect(result.offset).toBe(existing.lastIndexOf("backend"));
    // Persona's own entry inside the block is not the user's.
    expect(write(ours)).not.toHaveProperty("problem");
  });
});
