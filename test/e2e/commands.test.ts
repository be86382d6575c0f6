import { readFile } from "node:fs/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { targetIds } from "../../packages/core/src/index.js";
import { makeProject, type Project, parseJson, persona } from "../helpers/cli.js";

let p: Project;
beforeEach(async () => {
  p = await makeProject({
    "personas/reviewer.md": persona("reviewer", { keywords: ["review", "PR"], files: ["src/**"] }),
    "personas/writer.md": persona("writer"),
  });
});
afterEach(() => p.remove());

describe("persona validate", () => {
  it("checks the personas folder (exit 0)", async () => {
    const r = await p.run("validate");
    expect(r).toMatchObject({ code: 0, stdout: "", stderr: "2 files checked, no problems\n" });
  });

  it("reports every problem of every file, sorted, with positions (exit 1)", async () => {
    await p.write("personas/bad.md", "---\nname: Bad/Name\n---\n# Bad\n\nText\u200b.\n");
    await p.write("other/worse.md", "---js\n{ x: 1 }\n---\n# Worse\n");
    const r = await p.run("validate", "personas", "other/worse.md");
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split("\n");
    expect(lines.at(-1)).toMatch(/^4 files checked: \d+ errors? in 2 files$/);
    expect(lines.filter((l) => l.startsWith("personas/bad.md:")).length).toBeGreaterThanOrEqual(2);
    expect(lines.some((l) => /^other\/worse\.md:1:1: error /.test(l))).toBe(true);
    expect(p.exists(".claude")).toBe(false);
  });

  it("--json lists files with their persona id and every diagnostic", async () => {
    await p.write("personas/bad.md", "---\nname: Bad/Name\n---\n# Bad\n");
    const r = await p.run("validate", "--json");
    expect(r.code).toBe(1);
    const json = parseJson<{ ok: boolean; files: { path: string; persona?: string }[]; diagnostics: unknown[] }>(r);
    expect(json.ok).toBe(false);
    expect(json.files).toEqual([
      { path: "personas/bad.md" },
      { path: "personas/reviewer.md", persona: "reviewer" },
      { path: "personas/writer.md", persona: "writer" },
    ]);
    expect(json.diagnostics).toContainEqual(
      expect.objectContaining({ file: "personas/bad.md", line: 2, column: 7, rule: "persona/invalid-id" }),
    );
  });

  it("a path that does not exist is a usage error (exit 2)", async () => {
    const r = await p.run("validate", "nope.md");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("persona validate: no such file or folder nope.md\n");
  });

  it("lists many files in order and finds id collisions among them, however parsing finishes", async () => {
    // Enough files to parse in worker threads, whose results come back in any order.
    for (let i = 0; i < 40; i++) await p.write(`personas/p${String(i).padStart(2, "0")}.md`, persona(`p${i}`));
    await p.write("personas/z-again.md", persona("p7"));
    const r = await p.run("validate", "--json");
    expect(r.code).toBe(1);
    const json = parseJson<{
      files: { path: string; persona?: string }[];
      diagnostics: { file: string; rule: string }[];
    }>(r);
    expect(json.files).toHaveLength(43);
    expect(json.files.map((f) => f.path)).toEqual([...json.files.map((f) => f.path)].sort());
    expect(json.files.at(-1)).toEqual({ path: "personas/z-again.md", persona: "p7" });
    expect(json.diagnostics.filter((d) => d.rule === "persona/id-collision").map((d) => d.file)).toEqual([
      "personas/p07.md",
      "personas/z-again.md",
    ]);
  });
});

describe("persona list", () => {
  it("prints one line per persona with its triggers", async () => {
    const r = await p.run("list");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("reviewer  keywords: review, PR  files: src/**\nwriter    keywords: writer\n");
  });

  it("--json", async () => {
    const json = parseJson<{ personas: unknown[] }>(await p.run("list", "--json"));
    expect(json.personas[0]).toEqual({
      id: "reviewer",
      title: "reviewer persona",
      description: "Use the reviewer persona for reviewer work.",
      source: "personas/reviewer.md",
      triggers: { keywords: ["review", "PR"], files: ["src/**"], contexts: [] },
    });
  });

  it("exits 1 when a persona has errors, still listing the valid ones", async () => {
    await p.write("personas/bad.md", "---\nname: Bad/Name\n---\n# Bad\n");
    const r = await p.run("list");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("reviewer");
    expect(r.stderr).toContain("personas/bad.md:2:7: error");
  });
});

describe("persona show", () => {
  it("prints a readable summary", async () => {
    const r = await p.run("show", "reviewer");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("reviewer persona (reviewer, personas/reviewer.md)");
    expect(r.stdout).toMatch(/keywords\s+review, PR/);
  });

  it("--json prints the whole model", async () => {
    const json = parseJson<{ id: string; source: { path: string; sha256: string }; sections: unknown[] }>(
      await p.run("show", "reviewer", "--json"),
    );
    expect(json.id).toBe("reviewer");
    expect(json.source.path).toBe("personas/reviewer.md");
    expect(json.sections.length).toBeGreaterThan(0);
  });

  it("--target prints the files that target emits, without writing them", async () => {
    const r = await p.run("show", "reviewer", "--target", "cursor");
    expect(r.code).toBe(0);
    // Files in path order: the subagent, then the rule.
    expect(r.stdout).toMatch(/^==> \.cursor\/agents\/reviewer\.md <==\n---\n/);
    expect(r.stdout).toMatch(/\n==> \.cursor\/rules\/reviewer\.mdc <==\n---\n/);
    expect(p.exists(".cursor")).toBe(false);
    const json = parseJson<{ files: { path: string; contents: string }[] }>(
      await p.run("show", "reviewer", "--target", "claude", "--json"),
    );
    expect(json.files.map((f) => f.path)).toEqual([".claude/agents/reviewer.md"]);
  });

  it("an unknown id is a usage error with a suggestion (exit 2)", async () => {
    const r = await p.run("show", "reviewr");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'persona show: no persona with id "reviewr" (did you mean reviewer?)\nRun `persona list` to see the ids.\n',
    );
  });

  it("an unknown --target is a usage error (exit 2)", async () => {
    const r = await p.run("show", "reviewer", "--target", "nope");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`valid targets: ${targetIds.join(", ")}`);
  });
});

describe("persona init", () => {
  it("scaffolds a config and an example that builds cleanly, and never overwrites", async () => {
    const q = await makeProject();
    try {
      const r = await q.run("init");
      expect(r.code).toBe(0);
      expect(r.stdout).toBe("created persona.config.json\ncreated personas/example.md\n");
      expect(JSON.parse(await q.read("persona.config.json"))).toEqual({ personas: "personas", out: "." });
      expect((await q.run("validate")).stderr).toBe("1 file checked, no problems\n");
      expect((await q.run("build")).code).toBe(0);

      await q.write("persona.config.json", '{ "personas": "personas", "out": "gen" }\n');
      await q.write("personas/example.md", persona("example"));
      const again = await q.run("init");
      expect(again.code).toBe(0);
      expect(again.stdout).toContain("kept    persona.config.json");
      expect(await q.read("persona.config.json")).toBe('{ "personas": "personas", "out": "gen" }\n');
      expect(await q.read("personas/example.md")).toBe(persona("example"));
    } finally {
      await q.remove();
    }
  });

  it("does not add an example to a folder that already has personas", async () => {
    const r = await p.run("init", "--json");
    expect(parseJson<{ files: unknown[] }>(r).files).toEqual([
      { path: "persona.config.json", action: "created" },
      { path: "personas/example.md", action: "kept", reason: "personas/ already has persona files" },
    ]);
    expect(p.exists("personas/example.md")).toBe(false);
  });
});

describe("persona new", () => {
  it("scaffolds the full format, which parses with a warning at each placeholder left to fill in", async () => {
    const r = await p.run("new", "api-designer");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("created personas/api-designer.md\n");
    const text = await readFile(p.path("personas/api-designer.md"), "utf8");
    for (const part of [
      "name: api-designer",
      "# Api Designer Persona",
      "**Identity**:",
      "**Priority Hierarchy**:",
      "## Core Principles",
      "Budgets",
      "## Quality Standards",
      "## Focus Areas",
      "## Auto-Activation Triggers",
      "- Keywords:",
      "- File patterns:",
      "## Analysis Approach",
      "Workflow",
      "`git status`",
    ]) {
      expect(text).toContain(part);
    }
    const validated = await p.run("validate", "personas/api-designer.md");
    expect(validated.code).toBe(0);
    expect(validated.stderr.split("\n").map((l) => l.replace(/: Unexpected.*/, ""))).toEqual([
      "personas/api-designer.md:3:23: warning persona/scaffold-placeholder",
      "personas/api-designer.md:12:15: warning persona/scaffold-placeholder",
      "personas/api-designer.md:36:30: warning persona/scaffold-placeholder",
      "personas/api-designer.md:36:66: warning persona/scaffold-placeholder",
      "1 file checked: 4 warnings in 1 file",
      "",
    ]);
    const model = parseJson<{ budgets: unknown[]; workflows: { steps: { commands: string[] }[] }[] }>(
      await p.run("show", "api-designer", "--json"),
    );
    expect(model.budgets.length).toBeGreaterThan(0);
    expect(model.workflows[0]?.steps[0]?.commands).toContain("git status");
  });

  it("refuses an existing file, also in another case (exit 1)", async () => {
    const r = await p.run("new", "reviewer");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "persona new: personas/reviewer.md exists; not overwritten\nPick another id, or edit the existing file.\n",
    );
    await p.write("personas/Editor.md", persona("editor"));
    expect((await p.run("new", "editor")).code).toBe(1);
    expect(await p.read("personas/Editor.md")).toBe(persona("editor"));
  });

  it("refuses an id another file already defines (exit 1)", async () => {
    await p.write("personas/some-file.md", persona("critic"));
    const r = await p.run("new", "critic");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('personas/some-file.md already defines the id "critic"');
  });

  it("refuses an id that two files already share, naming the first (exit 1)", async () => {
    await p.write("personas/one.md", persona("twin"));
    await p.write("personas/two.md", persona("Twin").replace("name: Twin", "name: twin"));
    const r = await p.run("new", "twin");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('persona new: personas/one.md already defines the id "twin"; not overwritten');
    expect(p.exists("personas/twin.md")).toBe(false);
  });

  it("refuses an invalid id (exit 2)", async () => {
    for (const id of ["Bad_Id", "../x", "con", "a".repeat(65)]) {
      const r = await p.run("new", id);
      expect(r.code, id).toBe(2);
      expect(r.stderr).toContain("persona new: invalid id");
    }
  });
});

describe("persona schema", () => {
  it("prints the frontmatter JSON Schema", async () => {
    const r = await p.run("schema");
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as {
      properties: Record<string, unknown>;
      additionalProperties: unknown;
      patternProperties: unknown;
    };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(["name", "description", "targets", "meta"]));
    expect(schema.additionalProperties).toBe(false);
    expect(schema.patternProperties).toEqual({ "^x-": {} });
    expect((await p.run("schema", "frontmatter")).stdout).toBe(r.stdout);
  });

  it("prints the persona.config.json JSON Schema, the same one the package ships", async () => {
    const r = await p.run("schema", "config");
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as {
      additionalProperties: unknown;
      properties: Record<string, { description?: string; items?: { enum?: string[] } }>;
    };
    expect(Object.keys(schema.properties)).toEqual([
      "$schema",
      "personas",
      "out",
      "targets",
      "outputs",
      "templates",
      "cacheDir",
      "maxFileBytes",
      "vars",
    ]);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.targets?.items?.enum).toEqual([...targetIds]);
    expect(schema.properties.personas?.description).toBe("Folder of persona files. Default `personas`");
    const shipped = await readFile(
      new URL("../../packages/cli/dist/persona.config.schema.json", import.meta.url),
      "utf8",
    );
    expect(shipped).toBe(r.stdout);
  });

  it("names the schemas it knows for anything else (exit 2)", async () => {
    const r = await p.run("schema", "persona");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('persona schema: unknown schema "persona"; expected frontmatter or config');
  });
});

describe("persona targets", () => {
  it("lists every target and the paths it writes", async () => {
    const r = await p.run("targets");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(".claude/agents/<id>.md");
    expect(r.stdout).toContain(".github/copilot-instructions.md");
  });

  it("--json", async () => {
    type Listed = { id: string; title: string; outputs: { name: string; path: string; format: string }[] };
    const json = parseJson<{ targets: (Listed & { docs: string[] })[] }>(await p.run("targets", "--json"));
    expect(json.targets.map((t) => t.id)).toEqual([...targetIds]);
    expect(json.targets[0]).toMatchObject({
      id: "claude",
      outputs: [
        { name: "agent", path: ".claude/agents/<id>.md", user: "~/.claude/agents/<id>.md", format: "markdown" },
      ],
    });
  });
});
