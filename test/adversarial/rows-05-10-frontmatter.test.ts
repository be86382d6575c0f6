import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parsePersona } from "../../packages/core/src/index.js";
import { outputFiles, parseJson, printed, project, where } from "./harness.js";

// ADVERSARIAL.md rows 5–10: hostile YAML frontmatter (alias bombs, executable frontmatter,
// explicit tags, prototype keys, malformed fences) and how every problem of a run is reported.

const LOL = Array.from({ length: 9 }, () => '"lol"').join(",");
const layer = (name: string, prev: string) =>
  `${name}: &${name} [${Array.from({ length: 9 }, () => `*${prev}`).join(",")}]`;
const BOMB = [
  "---",
  "name: bomb",
  `a: &a [${LOL}]`,
  layer("b", "a"),
  layer("c", "b"),
  layer("d", "c"),
  layer("e", "d"),
  layer("f", "e"),
  layer("g", "f"),
  layer("h", "g"),
  layer("i", "h"),
  "---",
  "# Bomb",
  "",
].join("\n");

describe("row 5: billion-laughs frontmatter", () => {
  it("is refused at the first alias, fast, without expanding it (exit 1)", async () => {
    expect(BOMB.length).toBeLessThan(1000);
    const p = await project({ "personas/bomb.md": BOMB });
    const started = Date.now();
    const r = await p.run("validate");
    // The whole process, start-up included; the parse itself is timed below.
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.code).toBe(1);
    const first = printed(r.stderr)[0];
    expect(first && `${first.file}:${first.line}:${first.column} ${first.rule}`).toBe(
      "personas/bomb.md:4:8 frontmatter/alias",
    );
    expect(first?.message).toContain("aliases are not allowed in persona frontmatter");
    // One diagnostic for the whole bomb, at its first alias.
    expect(printed(r.stderr).map((d) => d.rule)).toEqual(["frontmatter/alias"]);
  });

  it("parses in well under a second in-process", () => {
    const started = performance.now();
    const result = parsePersona(BOMB, { path: "personas/bomb.md" });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.persona).toBeUndefined();
  });
});

describe("row 6: executable frontmatter (---js, ---javascript)", () => {
  const payload = "{ x: require('fs').writeFileSync('PWNED', '') }";

  it("is refused at 1:1 and never run: no sentinel file anywhere", async () => {
    const p = await project({
      "personas/js.md": `---js\n${payload}\n---\n# JS\n`,
      "personas/javascript.md": `---javascript\n${payload}\n---\n# JS\n`,
    });
    for (const command of ["validate", "build", "list"]) {
      const r = await p.run(command);
      expect(r.code, command).toBe(1);
      expect(where(r.stderr)).toEqual([
        "personas/javascript.md:1:1 frontmatter/unsupported-language",
        "personas/js.md:1:1 frontmatter/unsupported-language",
      ]);
    }
    expect(printed((await p.run("validate")).stderr)[1]?.message).toBe(
      "Unexpected `---js` frontmatter, expected YAML frontmatter (`---`); persona never runs code",
    );
    expect(existsSync(p.path("PWNED"))).toBe(false);
    expect(existsSync(join(p.path("personas"), "PWNED"))).toBe(false);
    expect(outputFiles(p.dir)).toEqual([]);
  });
});

describe("row 7: explicit YAML tags, YAML 1.1 traps and wrong types", () => {
  it("refuses every explicit tag at the tag's position", async () => {
    const p = await project({
      "personas/tags.md": [
        "---",
        "name: tags",
        'f: !!js/function "function(){ return 1 }"',
        'u: !!js/undefined ""',
        "c: !custom x",
        "b: !!binary aGVsbG8=",
        "t: !!timestamp 2025-01-01",
        "---",
        "# Tags",
        "",
      ].join("\n"),
    });
    const r = await p.run("validate");
    expect(r.code).toBe(1);
    expect(where(r.stderr)).toEqual([
      "personas/tags.md:3:4 frontmatter/explicit-tag",
      "personas/tags.md:4:4 frontmatter/explicit-tag",
      "personas/tags.md:5:4 frontmatter/explicit-tag",
      "personas/tags.md:6:4 frontmatter/explicit-tag",
      "personas/tags.md:7:4 frontmatter/explicit-tag",
    ]);
    expect(r.stderr).toContain("Unexpected explicit YAML tag `tag:yaml.org,2002:js/function`, expected a plain value");
    expect(r.stderr).toContain("Unexpected explicit YAML tag `!custom`, expected a plain value");
  });

  it("reads YAML 1.2: `no` and dates stay strings, `010` is ten (not octal)", async () => {
    const p = await project({
      "personas/traps.md":
        "---\nname: traps\ndescription: d\nnorway: no\nversion: 1.10\nmode: 010\nsince: 2025-01-01\n---\n# Traps\n",
    });
    const r = await p.run("show", "traps", "--json");
    expect(r.code).toBe(0);
    const model = parseJson<{ meta: Record<string, unknown> }>(r);
    expect(model.meta).toEqual({ mode: 10, norway: "no", since: "2025-01-01", version: 1.1 });
  });

  it("rejects a string where a boolean belongs, with the field path and position", async () => {
    const p = await project({
      "personas/aa.md": '---\nname: aa\ndescription: d\ntargets:\n  cursor:\n    alwaysApply: "true"\n---\n# AA\n',
    });
    const r = await p.run("build");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'personas/aa.md:6:18: error frontmatter/invalid-target-option: Unexpected string "true" for `targets.cursor.alwaysApply`, expected a boolean',
    );
    expect(outputFiles(p.dir)).toEqual([]);
  });
});

describe("row 8: prototype keys and merge keys", () => {
  const proto = [
    "---",
    "name: proto",
    "__proto__: { polluted: 1 }",
    "constructor: x",
    "prototype: y",
    "<<: { __proto__: { polluted: 1 } }",
    "---",
    "# Proto",
    "",
  ].join("\n");

  it("refuses each at the key's position (exit 1)", async () => {
    const p = await project({ "personas/proto.md": proto });
    const r = await p.run("validate");
    expect(r.code).toBe(1);
    expect(where(r.stderr)).toEqual([
      "personas/proto.md:3:1 frontmatter/forbidden-key",
      "personas/proto.md:4:1 frontmatter/forbidden-key",
      "personas/proto.md:5:1 frontmatter/forbidden-key",
      "personas/proto.md:6:7 frontmatter/forbidden-key",
    ]);
    expect(r.stderr).toContain('Unexpected key "__proto__": it is reserved and never read');
  });

  it("leaves every prototype untouched when parsed in-process", () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const result = parsePersona(proto, { path: "personas/proto.md" });
    expect(result.persona).toBeUndefined();
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    // A valid persona's model objects are ordinary objects with the ordinary prototype.
    const ok = parsePersona("---\nname: ok\nextra: { a: 1 }\n---\n# OK\n", { path: "personas/ok.md" }).persona;
    expect(Object.getPrototypeOf(ok?.meta)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(ok?.meta["extra"])).toBe(Object.prototype);
  });
});

describe("row 9: malformed frontmatter", () => {
  it("reports distinct errors with file line numbers; an unclosed fence is never read as markdown", async () => {
    const p = await project({
      "personas/dup.md": "---\nname: dup\nname: dup2\n---\n# T\n",
      "personas/tab.md": "---\nname: tab\ntargets:\n\tclaude: {}\n---\n# T\n",
      "personas/scalar.md": "---\njust a string\n---\n# T\n",
      "personas/array.md": "---\n- a\n- b\n---\n# T\n",
      "personas/unclosed.md": "---\nname: unclosed\n# T\n\nbody\n",
      "personas/blank.md": "\n---\nname: blank\n---\n# T\n",
      "personas/dots.md": "---\nname: dots\n...\n# T\n",
      "personas/twodocs.md": "---\nname: one\n...\n---\nname: two\n---\n# T\n",
    });
    const r = await p.run("validate");
    expect(r.code).toBe(1);
    expect(where(r.stderr)).toEqual([
      "personas/array.md:2:1 frontmatter/not-a-mapping",
      "personas/blank.md:2:1 frontmatter/not-at-start",
      "personas/dots.md:3:1 frontmatter/unterminated",
      "personas/dup.md:3:1 frontmatter/duplicate-key",
      "personas/scalar.md:2:1 frontmatter/not-a-mapping",
      "personas/tab.md:4:1 frontmatter/yaml-syntax",
      "personas/twodocs.md:3:1 frontmatter/unterminated",
      "personas/unclosed.md:1:1 frontmatter/unterminated",
    ]);
    expect(r.stderr).toContain(
      'personas/dup.md:3:1: error frontmatter/duplicate-key: Unexpected duplicate key "name" [yaml/DUPLICATE_KEY]',
    );
    expect(r.stderr).toContain("[yaml/TAB_AS_INDENT]");
    expect(r.stderr).toContain(
      "personas/dots.md:3:1: error frontmatter/unterminated: Unexpected `...` closing the frontmatter",
    );
    expect(r.stderr).toContain("8 files checked: 8 errors in 8 files");
  });
});

describe("row 10: every error of a run, sorted, with UTF-16 columns", () => {
  it("reports all 6 errors of 3 files in one run; a column after an emoji counts UTF-16 units", async () => {
    const p = await project({
      "personas/c.md": "---\nname: c\ntriggers: 7\n---\n# C\n\nBell\u0007 here.\n",
      "personas/a.md": "---\nname: a\ntools: 5\n---\n# A\n\nText\u200Bhere.\n",
      "personas/b.md": "---\nname: b\nmodel: 1.5\n---\n# B\n\n😀😀 x\u200By\n",
    });
    const r = await p.run("build");
    expect(r.code).toBe(1);
    expect(where(r.stderr)).toEqual([
      "personas/a.md:3:8 frontmatter/invalid-type",
      "personas/a.md:7:5 security/hidden-unicode",
      "personas/b.md:3:8 frontmatter/invalid-type",
      // "😀😀 x" is 4 code points but 6 UTF-16 code units: the zero-width space is at column 7.
      "personas/b.md:7:7 security/hidden-unicode",
      "personas/c.md:3:11 frontmatter/invalid-type",
      "personas/c.md:7:5 security/control-character",
    ]);
    expect(r.stderr).toMatch(/6 errors in 3 files; nothing written\n$/);
    const json = parseJson<{ diagnostics: { line: number; column: number }[] }>(await p.run("build", "--json"));
    expect(json.diagnostics).toHaveLength(6);
    expect(json.diagnostics[3]).toMatchObject({ line: 7, column: 7 });
  });
});
