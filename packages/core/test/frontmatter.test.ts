import { describe, expect, it } from "vitest";
import { checkTargetOptions, parsePersona, targetIds, toJsonSchema } from "../src/index.js";

const parse = (text: string) => parsePersona(text, { path: "personas/x.md" });
const brief = (text: string) =>
  parse(text).diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.rule}: ${d.message}`);

describe("frontmatter", () => {
  it("reads Cursor's unquoted globs and an unquoted `: ` as text, with a warning at each value", () => {
    const r = parse("---\ndescription: Rules: for TS\nglobs: **/*.ts, src/**\n---\n# T\n");
    expect(r.persona?.description).toBe("Rules: for TS");
    expect(r.persona?.triggers.files).toEqual(["**/*.ts", "src/**"]);
    expect(brief("---\ndescription: Rules: for TS\nglobs: **/*.ts, src/**\n---\n# T\n")).toEqual([
      '2:14 warning frontmatter/lenient-yaml: Unquoted `: ` inside the `description` value: strict YAML reads it as a nested key; read as the text "Rules: for TS" (quote the value to silence this)',
      '3:8 warning frontmatter/lenient-yaml: Unquoted `*` starting the `globs` value: strict YAML reads it as an alias; read as the text "**/*.ts, src/**" (quote the value to silence this)',
    ]);
  });

  it("reads a glob list item and a nested glob that start with `*` as text, and parses the rest strictly", () => {
    const r = parse(
      "---\ndescription: d\nglobs:\n  - **/*.ts\n  - src/**\ntargets:\n  cursor:\n    globs: *.mdc\n---\n# T\n",
    );
    expect(r.persona?.triggers.files).toEqual(["**/*.ts", "src/**"]);
    expect(r.persona?.targets).toEqual({ cursor: { globs: "*.mdc" } });
    expect(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.rule}`)).toEqual([
      "4:5 frontmatter/lenient-yaml",
      "8:12 frontmatter/lenient-yaml",
    ]);
  });

  it("reports an unclosed bracket, brace or quote at the opener, and reads nothing", () => {
    const cases: [string, string][] = [
      [
        "tools: [Read, Grep",
        "3:8 error frontmatter/yaml-syntax: Unclosed `[` in the `tools` value, expected a matching `]`",
      ],
      [
        "targets: { claude: { color: blue }",
        "3:10 error frontmatter/yaml-syntax: Unclosed `{` in the `targets` value, expected a matching `}`",
      ],
      [
        'description: "Use for APIs',
        '3:14 error frontmatter/yaml-syntax: Unclosed `"` in the `description` value, expected a matching `"`',
      ],
      [
        "description: 'Use for APIs",
        "3:14 error frontmatter/yaml-syntax: Unclosed `'` in the `description` value, expected a matching `'`",
      ],
      [
        'tools: ["Read, Grep]',
        '3:9 error frontmatter/yaml-syntax: Unclosed `"` in the `tools` value, expected a matching `"`',
      ],
    ];
    for (const [line, expected] of cases) {
      const r = parse(`---\nname: x\n${line}\nmodel: sonnet\n---\n# X\n`);
      expect(r.persona, line).toBeUndefined();
      expect(brief(`---\nname: x\n${line}\nmodel: sonnet\n---\n# X\n`), line).toEqual([expected]);
    }
  });

  it("reports any other YAML syntax error where the parser finds it, instead of reading the line as text", () => {
    expect(brief('---\ndescription: "Use" for APIs\n---\n# X\n')).toEqual([
      "2:20 error frontmatter/yaml-syntax: Unexpected scalar at node end [yaml/UNEXPECTED_TOKEN]",
    ]);
    expect(brief("---\ntags: [`a`]\n---\n# X\n")).toEqual([
      "2:8 error frontmatter/yaml-syntax: Plain value cannot start with reserved character ` [yaml/BAD_SCALAR_START]",
    ]);
  });

  it("reports a duplicate key at the second key's file line", () => {
    expect(brief("---\nname: a\ndescription: d\nname: b\n---\n")).toEqual([
      '4:1 error frontmatter/duplicate-key: Unexpected duplicate key "name" [yaml/DUPLICATE_KEY]',
    ]);
  });

  it("reports wrong types at the value's line and column, all of them", () => {
    expect(brief("---\nname: ok\nmodel: 1.10\ntools:\n  - Read\n  - 3\n---\n")).toEqual([
      "3:8 error frontmatter/invalid-type: Unexpected number `1.1` for `model`, expected a string",
      "6:5 error frontmatter/invalid-type: Unexpected number `3` for `tools[1]`, expected a string",
    ]);
  });
  it("rejects an alias bomb in milliseconds without expanding it", () => {
    const bomb = [
      "---",
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]",
      "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]",
      "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]",
      "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]",
      "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]",
      "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]",
      "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]",
      "i: [*h,*h,*h,*h,*h,*h,*h,*h,*h]",
      "---",
    ].join("\n");
    const start = performance.now();
    const r = parse(bomb);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(r.persona).toBeUndefined();
    expect(r.diagnostics[0]).toMatchObject({ rule: "frontmatter/alias", line: 3, column: 8 });
  });

  it("refuses __proto__, constructor and prototype keys, touching no prototype", () => {
    const r = parse("---\n__proto__: {polluted: 1}\nmeta:\n  constructor: x\n<<: {prototype: 1}\n---\n");
    expect(r.diagnostics.map((d) => [d.rule, d.line, d.column])).toEqual([
      ["frontmatter/forbidden-key", 2, 1],
      ["frontmatter/forbidden-key", 4, 3],
      ["frontmatter/forbidden-key", 5, 6],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  it("keeps __proto__-free meta objects ordinary", () => {
    const r = parse("---\ncategory: engineering\nextra:\n  nested: [1, two]\n---\n");
    expect(r.persona?.meta).toEqual({ category: "engineering", extra: { nested: [1, "two"] } });
    expect(Object.getPrototypeOf(r.persona?.meta)).toBe(Object.prototype);
  });

  it("refuses explicit tags, at the tag", () => {
    expect(brief("---\na: !!js/function 'function(){}'\nb: !!binary aGk=\nc: !!str fine\n---\n")).toEqual([
      "2:4 error frontmatter/explicit-tag: Unexpected explicit YAML tag `tag:yaml.org,2002:js/function`, expected a plain value",
      "3:4 error frontmatter/explicit-tag: Unexpected explicit YAML tag `tag:yaml.org,2002:binary`, expected a plain value",
    ]);
  });

  it("keeps YAML 1.1 traps as YAML 1.2 core reads them", () => {
    const r = parse("---\nanswer: no\nday: 2025-01-01\n---\n");
    expect(r.persona?.meta).toEqual({ answer: "no", day: "2025-01-01" });
  });

  it("refuses frontmatter that is a list or a single value", () => {
    expect(brief("---\n- a\n- b\n---\n")).toEqual([
      "2:1 error frontmatter/not-a-mapping: Unexpected a list as frontmatter, expected a mapping of keys",
    ]);
  });

  it("refuses ---js frontmatter without evaluating it", () => {
    expect(brief("---js\n{ x: require('fs').writeFileSync('PWNED','') }\n---\n")).toEqual([
      "1:1 error frontmatter/unsupported-language: Unexpected `---js` frontmatter, expected YAML frontmatter (`---`); persona never runs code",
    ]);
  });

  it("reports unterminated frontmatter and a blank line before the fence", () => {
    expect(brief("---\nname: x\n# Title\n")[0]).toMatch(/^1:1 error frontmatter\/unterminated/);
    expect(brief("\n---\nname: x\n---\n# T\n")[0]).toMatch(/^2:1 error frontmatter\/not-at-start/);
  });

  it("reports tab indentation instead of reading leniently", () => {
    expect(brief("---\ntriggers:\n\tkeywords: [a]\n---\n")[0]).toMatch(/frontmatter\/yaml-syntax.*TAB_AS_INDENT/);
  });

  it("refuses names that are paths or device names, on every OS", () => {
    for (const name of [
      "../../.ssh/authorized_keys",
      "/etc/passwd",
      "..\\\\..\\\\x",
      "C:\\\\evil",
      "a/b",
      "con",
      "NUL",
      "com1",
      "lpt9",
      '"name."',
      '"name "',
      "x".repeat(65),
    ]) {
      const r = parse(`---\nname: ${name}\n---\n`);
      expect(r.persona, name).toBeUndefined();
      expect(r.diagnostics[0], name).toMatchObject({ rule: "persona/invalid-id", line: 2, column: 7 });
    }
  });
});

describe("toJsonSchema", () => {
  it("exports the frontmatter schema with the registry's targets", () => {
    const schema = toJsonSchema() as { properties: Record<string, { properties?: Record<string, unknown> }> };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(["name", "description", "tools", "model", "globs", "applyTo", "triggers", "targets"]),
    );
    expect(Object.keys(schema.properties.targets?.properties ?? {})).toEqual([...targetIds]);
  });
});

describe("one run reports everything", () => {
  it("checks the name even when another key has the wrong type", () => {
    expect(brief("---\nname: Bad/Name\ntools: 5\n---\n").map((l) => l.replace(/: Unexpected.*/, ""))).toEqual([
      "2:7 error persona/invalid-id",
      "3:8 error frontmatter/invalid-type",
    ]);
  });
});

describe("per-target overrides", () => {
  /** What `checkTargetOptions` (where compiling starts) says about a parsed persona's `targets:`. */
  const targetsOf = (text: string) => {
    const { persona } = parse(text);
    if (!persona) throw new Error("fixture did not parse");
    return checkTargetOptions(persona).diagnostics.map(
      (d) => `${d.line}:${d.column} ${d.severity} ${d.rule}: ${d.message}`,
    );
  };

  it("are left to compile by the parser, which only checks the block is a mapping of mappings", () => {
    expect(brief('---\nname: ok\ndescription: d\ntargets:\n  cursor:\n    alwaysApply: "true"\n---\n')).toEqual([]);
    expect(brief("---\nname: ok\ndescription: d\ntargets:\n  cursor: 5\n---\n")).toEqual([
      "5:11 error frontmatter/invalid-target-option: Unexpected number `5` for `targets.cursor`, expected a mapping",
    ]);
  });

  it("are checked against the target's own schema, at the value's line and column", () => {
    expect(targetsOf('---\nname: ok\nmodel: sonnet\ntargets:\n  cursor:\n    alwaysApply: "true"\n---\n')).toEqual([
      '6:18 error frontmatter/invalid-target-option: Unexpected string "true" for `targets.cursor.alwaysApply`, expected a boolean',
    ]);
  });

  it("name a mistyped option at its key, with the option meant", () => {
    expect(targetsOf("---\nname: ok\ntargets:\n  claude:\n    colour: red\n---\n")).toEqual([
      "5:5 error frontmatter/invalid-target-option: Unexpected key `targets.claude.colour` (did you mean `color`?)",
    ]);
  });

  it("name the valid targets for an unknown `targets:` entry, at its key", () => {
    expect(targetsOf("---\ntargets:\n  cursr: {}\n---\n")).toEqual([
      `3:3 error frontmatter/unknown-target: Unexpected target \`cursr\`, expected one of ${targetIds.map((t) => `\`${t}\``).join(", ")} (did you mean \`cursor\`?)`,
    ]);
  });
});
