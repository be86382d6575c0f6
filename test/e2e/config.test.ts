import { afterEach, describe, expect, it } from "vitest";
import { targetIds } from "../../packages/core/src/index.js";
import { makeProject, type Project, parseJson, persona } from "../helpers/cli.js";

const projects: Project[] = [];
async function project(files: Record<string, string>): Promise<Project> {
  const p = await makeProject({ "personas/reviewer.md": persona("reviewer"), ...files });
  projects.push(p);
  return p;
}
afterEach(async () => {
  await Promise.all(projects.splice(0).map((p) => p.remove()));
});

describe("config errors point at the file's line and column (exit 2)", () => {
  it("JSON: wrong type, unknown target, unknown key — all reported in one run", async () => {
    const p = await project({
      "persona.config.json":
        '{\n  "personas": "personas",\n  "out": 5,\n  "targets": ["claude", "nope"],\n  "extra": true\n}\n',
    });
    const r = await p.run("build");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      [
        "persona.config.json:3:10: error config/invalid: Unexpected number 5, expected a string",
        `persona.config.json:4:25: error config/invalid: Unexpected "nope", expected one of ${targetIds.map((t) => `\`${t}\``).join(", ")}`,
        'persona.config.json:5:3: error config/invalid: Unexpected key "extra", expected one of `$schema`, `personas`, `out`, `targets`, `outputs`, `templates`, `cacheDir`, `maxFileBytes`, `vars`',
        "persona: invalid config persona.config.json (3 problems)",
        "",
      ].join("\n"),
    );
    expect(p.exists(".claude")).toBe(false);
  });

  it("JSON syntax error", async () => {
    const p = await project({ "persona.config.json": '{\n  "out": "."\n  "personas": "personas"\n}\n' });
    const r = await p.run("build");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^persona\.config\.json:3:3: error config\/syntax: /);
  });

  it("JSON that only YAML accepts (a comment) is still a JSON error", async () => {
    const p = await project({ "persona.config.json": '{\n  // out\n  "out": "."\n}\n' });
    const r = await p.run("build");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^persona\.config\.json:2:3: error config\/syntax: /);
  });

  it("YAML: position of a bad value and of a duplicate key", async () => {
    const p = await project({ "persona.config.yaml": "personas: personas\ntargets: claude\nout: a\nout: b\n" });
    const r = await p.run("build");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^persona\.config\.yaml:4:1: error config\/syntax: Map keys must be unique/m);
  });

  it("YAML: a schema error", async () => {
    const p = await project({ "persona.config.yaml": "personas: personas\ntargets: claude\n" });
    const r = await p.run("list");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'persona.config.yaml:2:10: error config/invalid: Unexpected string "claude", expected a list',
    );
  });

  it("package.json `persona` key, positioned inside package.json", async () => {
    const p = await project({
      "package.json": '{\n  "name": "x",\n  "persona": {\n    "outputs": { "vscode": "a" }\n  }\n}\n',
    });
    const r = await p.run("build");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('package.json:4:18: error config/invalid: Unexpected key "vscode" in `outputs`');
  });

  it("two config files in one folder are ambiguous", async () => {
    const p = await project({ "persona.config.json": "{}\n", "persona.config.yaml": "out: .\n" });
    const r = await p.run("build");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "persona: found more than one config file: persona.config.json, persona.config.yaml\nKeep one of them.\n",
    );
  });

  it("--config names a file that does not exist", async () => {
    const p = await project({});
    const r = await p.run("build", "--config", "nope.json");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("persona: config file nope.json does not exist\n");
  });

  it("a templates folder that does not exist", async () => {
    const p = await project({ "persona.config.json": '{ "templates": "my-templates" }\n' });
    const r = await p.run("build");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "persona.config.json:1:16: error config/missing-folder: The templates folder my-templates does not exist",
    );
  });

  it("--json puts config errors on stdout as JSON", async () => {
    const p = await project({ "persona.config.json": '{ "out": 1 }\n' });
    const r = await p.run("build", "--json");
    expect(r.code).toBe(2);
    expect(parseJson(r)).toEqual({
      ok: false,
      exitCode: 2,
      error: { code: "CONFIG", message: "persona: invalid config persona.config.json (1 problem)" },
      diagnostics: [
        {
          severity: "error",
          rule: "config/invalid",
          message: "Unexpected number 1, expected a string",
          file: "persona.config.json",
          line: 1,
          column: 10,
        },
      ],
    });
  });
});

describe("config use", () => {
  it("--config picks an explicit file; its paths are relative to it", async () => {
    const p = await project({
      "conf/persona.yaml": "personas: lib\nout: gen\ntargets: [claude]\n",
      "conf/lib/writer.md": persona("writer"),
    });
    const r = await p.run("build", "--config", "conf/persona.yaml");
    expect(r.code).toBe(0);
    expect(p.exists("conf/gen/.claude/agents/writer.md")).toBe(true);
  });

  it("a templates override folder replaces a default template", async () => {
    const p = await project({
      "persona.config.json": '{ "templates": "tpl", "targets": ["claude"] }\n',
      "tpl/claude/agent.hbs": "OVERRIDDEN body\n",
    });
    const r = await p.run("build");
    expect(r.code, r.stderr).toBe(0);
    expect(await p.read(".claude/agents/reviewer.md")).toContain("OVERRIDDEN");
  });
});
