import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, makeProject, type Project, REPO_ROOT, runCli } from "../helpers/cli.js";

const COMMANDS = ["build", "validate", "list", "show", "init", "new", "schema", "targets"];

let project: Project;
beforeAll(async () => {
  project = await makeProject();
});
afterAll(() => project.remove());

describe("persona (no command)", () => {
  it("prints the version from package.json", async () => {
    const pkg = JSON.parse(readFileSync(resolve(REPO_ROOT, "packages/cli/package.json"), "utf8")) as {
      version: string;
    };
    for (const flag of ["--version", "-v"]) {
      const r = await project.run(flag);
      expect(r).toMatchObject({ code: 0, stdout: `${pkg.version}\n`, stderr: "" });
    }
  });

  it("prints help listing every command, with examples", async () => {
    const r = await project.run("--help");
    expect(r.code).toBe(0);
    for (const name of [...COMMANDS, "route", "mcp"]) expect(r.stdout).toMatch(new RegExp(`^  ${name} `, "m"));
    expect(r.stdout).toContain("Examples:");
    expect(r.stdout).toContain("Exit codes:");
    expect(r.stdout).toMatch(/^Environment: .*PERSONA_CACHE=0.*PERSONA_WORKERS=N/m);
  });

  it("without a command prints help on stderr and exits 2", async () => {
    const r = await project.run();
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("Usage:");
  });

  it("rejects an unknown command with one line, a suggestion and a hint (exit 2)", async () => {
    const r = await project.run("biuld");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'persona: unknown command "biuld" (did you mean `persona build`?)\nRun `persona --help` for the list of commands.\n',
    );
  });

  it("rejects an unknown global option (exit 2)", async () => {
    const r = await project.run("--nope");
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")[0]).toBe("persona: unknown option --nope");
  });
});

describe.each(COMMANDS)("persona %s --help", (name) => {
  it("shows usage, options and examples, and exits 0", async () => {
    const r = await project.run(name, "--help");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(new RegExp(`^persona ${name} — `));
    expect(r.stdout).toContain(`Usage:\n  persona ${name}`);
    expect(r.stdout).toContain("Options:");
    expect(r.stdout).toContain("--help");
    const examples = r.stdout.split("Examples:")[1] ?? "";
    expect(examples.match(/^ {2}\$ persona /gm)?.length ?? 0).toBeGreaterThanOrEqual(1);
  });

  it("`persona help <command>` prints the same page", async () => {
    const [a, b] = await Promise.all([project.run(name, "--help"), project.run("help", name)]);
    expect(b.stdout).toBe(a.stdout);
  });

  it("rejects an unknown option with one line and a hint (exit 2)", async () => {
    const r = await project.run(name, "--bogus-flag");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`persona ${name}: unknown option --bogus-flag\nRun \`persona ${name} --help\` for usage.\n`);
  });
});

describe("argument errors", () => {
  it("suggests the flag that was meant", async () => {
    const r = await project.run("build", "--chek");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option --chek (did you mean --check?)");
  });

  it("does not let a string option swallow the next flag", async () => {
    const r = await project.run("build", "--out", "--check");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("persona build: option --out needs a value (DIR)");
  });

  it("rejects a value on a boolean flag and an extra argument", async () => {
    expect((await project.run("build", "--check=yes")).stderr).toContain("option --check takes no value");
    const r = await project.run("list", "extra");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('persona list: unexpected argument "extra"');
  });

  it("requires the id of show and new", async () => {
    for (const name of ["show", "new"]) {
      const r = await project.run(name);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`persona ${name}: missing argument <id>`);
    }
  });
});

describe("start-up", () => {
  // `--help` and `--version` must not pay for the parser and templates: walk the static imports of
  // the built entry and check that neither @personas/core nor a markdown or template library is among them.
  it("the entry's static import graph does not load @personas/core", () => {
    const seen = new Set<string>();
    const external = new Set<string>();
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/^(?:import|export)\s[^;]*?from\s*"([^"]+)"|^import\s*"([^"]+)"/gms)) {
        const spec = m[1] ?? m[2] ?? "";
        if (spec.startsWith(".")) walk(resolve(dirname(file), spec));
        else external.add(spec);
      }
    };
    walk(BIN);
    expect([...external].filter((s) => /personas|unified|remark|handlebars|yaml|zod|diff/.test(s))).toEqual([]);
  });

  it("answers --version quickly", async () => {
    const start = performance.now();
    await runCli(["--version"], { cwd: project.dir });
    expect(performance.now() - start).toBeLessThan(2_000);
  });
});
