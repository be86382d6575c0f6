import { spawn } from "node:child_process";
import { cpSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BIN, makeProject, type Project, REPO_ROOT, runCli } from "../helpers/cli.js";

// The console examples in the docs are what the CLI prints: each one is re-run here on the bundled
// personas, and every line it prints must appear in the docs as shown.

const cliDoc = readFileSync(join(REPO_ROOT, "docs/cli.md"), "utf8");
const lines = (text: string) => text.split("\n").filter((l) => l.trim() !== "");
const projects: Project[] = [];

/** A project holding a copy of the bundled personas, built once into its root. */
async function bundled(): Promise<Project> {
  const p = await makeProject({ "persona.config.json": "{}\n" });
  projects.push(p);
  cpSync(join(REPO_ROOT, "personas"), p.path("personas"), { recursive: true });
  return p;
}

afterEach(async () => {
  for (const p of projects.splice(0)) await p.remove();
});

describe("docs/cli.md shows what persona prints", () => {
  it("the build and dry-run examples", async () => {
    const p = await bundled();
    for (const line of lines((await p.run("build")).stderr)) expect(cliDoc).toContain(`$ persona build\n${line}`);
    const again = (await p.run("build")).stderr.trim();
    expect(cliDoc).toContain(`\n$ persona build\n${again}\n`);
  });

  it("the --check examples: a changed persona, and a generated file edited by hand", async () => {
    const p = await bundled();
    await p.run("build");
    const backend = await p.read("personas/backend.md");
    await p.write("personas/backend.md", backend.replace("# Backend Persona", "# Backend Persona (v2)"));
    const changed = await p.run("build", "--check", "--target", "claude");
    expect(changed.code).toBe(1);
    // The doc shows the diff's first 12 lines, up to the changed title, then "…".
    for (const line of [...lines(changed.stderr), ...changed.stdout.split("\n").slice(0, 12)])
      expect(cliDoc).toContain(line);

    await p.write("personas/backend.md", backend);
    await p.write(".claude/agents/backend.md", `${await p.read(".claude/agents/backend.md")}a hand edit\n`);
    const edited = await p.run("build", "--check");
    expect(edited.code).toBe(1);
    expect(edited.stderr).toContain("(with --force for files edited by hand)");
    for (const line of [...lines(edited.stderr), ...lines(edited.stdout)]) expect(cliDoc).toContain(line);
  });

  it("the validate example", async () => {
    const p = await bundled();
    await p.write("personas/backend.md", "---\nname: backend\ntools: 5\n---\n# Backend\n\nServes.\n");
    const r = await p.run("validate", "personas/backend.md");
    expect(r.code).toBe(1);
    expect(cliDoc).toContain(r.stderr.split("\n")[0] as string);
  });

  it("the build --watch session", async () => {
    const p = await bundled();
    await p.run("build");
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
    const child = spawn(process.execPath, [BIN, "build", "--watch"], { cwd: p.dir, env });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    const count = (text: string) => stderr.split(text).length - 1;
    await expect.poll(() => count("for changes (Ctrl-C to stop)"), { timeout: 20_000 }).toBe(1);
    const backend = await p.read("personas/backend.md");
    await p.write("personas/backend.md", backend.replace(/^tools: .*$/m, "tools: [Read"));
    await expect.poll(() => count("for changes (Ctrl-C to stop)"), { timeout: 20_000 }).toBe(2);
    const exited = new Promise((resolve) => child.on("exit", resolve));
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    for (const line of lines(stderr)) expect(cliDoc).toContain(line);
  });

  it("the VS Code task's problem matcher matches validate --watch's output", async () => {
    // The task is a JSON block indented under a list item.
    const block = cliDoc.split("  ```json\n").find((b) => b.includes('"version": "2.0.0"')) ?? "";
    const json = JSON.parse(block.slice(0, block.indexOf("\n  ```")).replace(/^ {2}/gm, "")) as {
      tasks: { command: string; options: { env: Record<string, string> }; problemMatcher: ProblemMatcher }[];
    };
    interface ProblemMatcher {
      pattern: {
        regexp: string;
        file: number;
        line: number;
        column: number;
        severity: number;
        code: number;
        message: number;
      };
      background: { beginsPattern: string; endsPattern: string };
    }
    const { command, options, problemMatcher } = json.tasks[0] as (typeof json.tasks)[0];
    expect(command).toBe("npx persona validate --watch");
    const p = await makeProject({ "personas/a.md": "---\nname: a\ndescripton: typo\n---\n# A\n\nText.\n" });
    projects.push(p);
    const child = spawn(process.execPath, [BIN, "validate", "--watch"], {
      cwd: p.dir,
      env: { ...process.env, ...options.env },
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    await expect.poll(() => stderr, { timeout: 20_000 }).toContain("for changes");
    child.kill("SIGINT");
    const printed = lines(stderr);
    expect(new RegExp(problemMatcher.background.beginsPattern).test(printed[0] as string)).toBe(true);
    expect(new RegExp(problemMatcher.background.endsPattern).test(printed.at(-1) as string)).toBe(true);
    const m = new RegExp(problemMatcher.pattern.regexp).exec(printed[1] as string);
    const { file, line, column, severity, code } = problemMatcher.pattern;
    expect([m?.[file], m?.[line], m?.[column], m?.[severity], m?.[code]]).toEqual([
      "personas/a.md",
      "3",
      "1",
      "warning",
      "frontmatter/unknown-key",
    ]);
  });
});

describe("help pages and docs agree", () => {
  it("persona mcp --help and docs/mcp.md name the same signals", async () => {
    const help = (await runCli(["mcp", "--help"], { cwd: REPO_ROOT })).stdout.replace(/\n/g, " ");
    expect(help).toContain("on SIGTERM, SIGINT or SIGHUP");
    const mcpDoc = readFileSync(join(REPO_ROOT, "docs/mcp.md"), "utf8").replace(/\n/g, " ");
    expect(mcpDoc).toContain("`SIGTERM`, `SIGINT` or `SIGHUP`");
  });

  it("docs/ci.md sets up Node 22 and says --force for an edited file", () => {
    const ci = readFileSync(join(REPO_ROOT, "docs/ci.md"), "utf8");
    expect(ci).toContain("node-version: 22");
    expect(ci).not.toContain("node-version: 20");
    expect(ci).toContain("`npx @personas/cli build --force`");
  });
});
