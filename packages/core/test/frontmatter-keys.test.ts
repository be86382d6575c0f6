import { describe, expect, it } from "vitest";
import { checkTargetOptions, parsePersona, SCAFFOLD_PLACEHOLDERS, toJsonSchema } from "../src/index.js";

const parse = (text: string) => parsePersona(text, { path: "personas/x.md" });
const brief = (text: string) =>
  parse(text).diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.rule}: ${d.message}`);

/** What is found where compiling starts (unknown keys are reported there, so parsing loads no target). */
const checked = (text: string) => {
  const { persona, diagnostics } = parse(text);
  if (!persona) throw new Error("fixture did not parse");
  return [...diagnostics, ...checkTargetOptions(persona).diagnostics].map(
    (d) => `${d.line}:${d.column} ${d.severity} ${d.rule}: ${d.message}`,
  );
};

describe("unknown frontmatter keys", () => {
  it("warns at a misspelt key with the key that was meant, and keeps it in meta", () => {
    const text = "---\nname: x\ndescripton: Reviews diffs.\n---\n# X\n\nA reviewer.\n";
    expect(brief(text)).toEqual([]);
    expect(checked(text)).toEqual([
      "3:1 warning frontmatter/unknown-key: Unknown key `descripton` (did you mean `description`?): persona does not read it. To keep it as data, move it under `meta:` or name it `x-descripton`",
    ]);
    expect(parse(text).persona?.meta).toEqual({ descripton: "Reviews diffs." });
  });

  it("names the target option where another tool's field belongs", () => {
    expect(checked("---\ndescription: d\ncolor: blue\nalwaysApply: true\n---\n# X\n")).toEqual([
      "3:1 warning frontmatter/unknown-key: Unknown key `color`: persona does not read it; a target takes it as `targets.claude.color` or `targets.opencode.color`. To keep it as data, move it under `meta:` or name it `x-color`",
      "4:1 warning frontmatter/unknown-key: Unknown key `alwaysApply`: persona does not read it; a target takes it as `targets.cursor.alwaysApply`. To keep it as data, move it under `meta:` or name it `x-alwaysApply`",
    ]);
  });

  it("never warns about `meta:` or `x-` keys, and merges both into the model's meta", () => {
    const r = parse("---\ndescription: d\nx-team: platform\nmeta:\n  category: engineering\n  owner: ana\n---\n# X\n");
    expect(r.diagnostics).toEqual([]);
    expect(checked("---\ndescription: d\nx-team: platform\nmeta:\n  category: engineering\n---\n# X\n")).toEqual([]);
    expect(r.persona?.meta).toEqual({ category: "engineering", owner: "ana", "x-team": "platform" });
  });

  it("refuses a `meta:` that is not a mapping", () => {
    expect(brief("---\ndescription: d\nmeta: [a]\n---\n# X\n")).toEqual([
      "3:7 error frontmatter/invalid-type: Unexpected a list for `meta`, expected a mapping",
    ]);
  });

  it("is closed in the JSON Schema, with `x-` keys and `meta` as the escapes", () => {
    const schema = toJsonSchema() as {
      additionalProperties: unknown;
      patternProperties: Record<string, unknown>;
      properties: Record<string, { type?: string }>;
    };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.patternProperties).toEqual({ "^x-": {} });
    expect(schema.properties.meta?.type).toBe("object");
  });
});

describe("descriptions", () => {
  it("warns when there is no description and no first paragraph to take one from", () => {
    expect(brief("---\nname: x\n---\n# X\n\n## Focus Areas\n- APIs\n")).toEqual([
      "1:1 warning persona/no-description: No `description`, and no first paragraph to take one from: Claude Code does not load an agent without one, and tools choose personas by it; add `description:` saying when to use this persona",
    ]);
    expect(brief('---\nname: x\ndescription: " "\n---\n# X\n').map((l) => l.replace(/: No .*/, ""))).toEqual([
      "1:1 warning persona/no-description",
    ]);
  });

  it("takes the first paragraph without a warning", () => {
    const r = parse("---\nname: x\n---\n# X\n\nReviews database migrations.\n");
    expect(r.persona?.description).toBe("Reviews database migrations.");
    expect(r.diagnostics).toEqual([]);
  });
});

describe("scaffold placeholders", () => {
  it("warns at every placeholder `persona new` leaves for the author", () => {
    const text = [
      "---",
      `description: Use when ${SCAFFOLD_PLACEHOLDERS.description}.`,
      "---",
      "# X",
      "",
      `**Identity**: ${SCAFFOLD_PLACEHOLDERS.identity}`,
      "",
      "## Auto-Activation Triggers",
      `- Keywords: "x", "${SCAFFOLD_PLACEHOLDERS.keyword}", "${SCAFFOLD_PLACEHOLDERS.anotherKeyword}"`,
    ].join("\n");
    expect(parse(text).diagnostics.map((d) => `${d.line}:${d.column} ${d.rule}`)).toEqual([
      "2:23 persona/scaffold-placeholder",
      "6:15 persona/scaffold-placeholder",
      "9:19 persona/scaffold-placeholder",
      `9:${19 + SCAFFOLD_PLACEHOLDERS.keyword.length + 4} persona/scaffold-placeholder`,
    ]);
    expect(brief(text)[0]).toBe(
      `2:23 warning persona/scaffold-placeholder: Unexpected scaffold placeholder ${JSON.stringify(SCAFFOLD_PLACEHOLDERS.description)}, expected your own text (\`persona new\` left it to be filled in)`,
    );
  });
});
