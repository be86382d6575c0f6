import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeProject, type Project, parseJson, persona } from "../helpers/cli.js";

let p: Project;
beforeEach(async () => {
  p = await makeProject({ "personas/reviewer.md": persona("reviewer"), "personas/writer.md": persona("writer") });
  const built = await p.run("build");
  expect(built.code).toBe(0);
});
afterEach(() => p.remove());

/** Every file under the project (but .git) with its hash and mtime: proof that --check wrote nothing. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.name === ".git") continue;
      if (e.isDirectory()) walk(full);
      else {
        const hash = createHash("sha256").update(readFileSync(full)).digest("hex");
        out[relative(dir, full)] = `${hash} ${statSync(full).mtimeMs}`;
      }
    }
  };
  walk(dir);
  return out;
}

describe("persona build --check", () => {
  it("exits 0 on a clean tree and prints no diff", async () => {
    const r = await p.run("build", "--check");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^2 personas, \d+ files up to date\n$/);
  });

  it("reports an edited file with a unified diff (exit 1) and writes nothing", async () => {
    const rel = ".claude/agents/reviewer.md";
    await writeFile(p.path(rel), `${await p.read(rel)}a hand edit\n`);
    const before = snapshot(p.dir);
    const r = await p.run("build", "--check");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`--- a/${rel}\n+++ b/${rel}\n@@ `);
    expect(r.stdout).toContain("\n-a hand edit\n");
    expect(r.stderr).toContain(`${rel}:1:1: warning output/edited: Generated file was edited`);
    expect(r.stderr).toContain(`  edited   ${rel}\n`);
    expect(r.stderr).toContain(
      "2 personas: 1 file out of date, 1 warning; run `persona build` (with --force for files edited by hand) to update them",
    );
    expect(snapshot(p.dir)).toEqual(before);
  });

  it("reports a file whose persona changed as `changed` (exit 1)", async () => {
    const rel = ".claude/agents/reviewer.md";
    await writeFile(p.path("personas/reviewer.md"), `${await p.read("personas/reviewer.md")}\nOne more line.\n`);
    const r = await p.run("build", "--check", "--target", "claude");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`  changed  ${rel}\n`);
    expect(r.stderr).toContain("2 personas: 1 file out of date; run `persona build` to update them");
  });

  it("reports a missing file as a diff from /dev/null (exit 1)", async () => {
    const rel = ".cursor/rules/writer.mdc";
    await rm(p.path(rel));
    const r = await p.run("build", "--check");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      new RegExp(`^--- /dev/null\\n\\+\\+\\+ b/${rel.replace(/\./g, "\\.")}\\n@@ -0,0 \\+1,`, "m"),
    );
    expect(r.stderr).toContain(`  missing  ${rel}\n`);
    expect(p.exists(rel)).toBe(false);
  });

  it("reports a stale generated file whose persona is gone (exit 1), and keeps it", async () => {
    await rm(p.path("personas/writer.md"));
    const r = await p.run("build", "--check", "--target", "claude");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("--- a/.claude/agents/writer.md\n+++ /dev/null\n");
    expect(r.stderr).toContain("  stale    .claude/agents/writer.md\n");
    expect(p.exists(".claude/agents/writer.md")).toBe(true);
  });

  it("reports an extra stale file that was never built here, if it carries the marker", async () => {
    const generated = await p.read(".claude/agents/reviewer.md");
    await writeFile(p.path(".claude/agents/ghost.md"), generated);
    await writeFile(p.path(".claude/agents/mine.md"), "# my own agent, no marker\n");
    const r = await p.run("build", "--check", "--json");
    expect(r.code).toBe(1);
    const json = parseJson<{
      ok: boolean;
      exitCode: number;
      mode: string;
      files: { path: string; action: string; diff?: string }[];
    }>(r);
    expect(json).toMatchObject({ ok: false, exitCode: 1, mode: "check" });
    const changed = json.files.filter((f) => f.action !== "unchanged");
    expect(changed.map((f) => [f.path, f.action])).toEqual([[".claude/agents/ghost.md", "remove"]]);
    expect(changed[0]?.diff).toContain("+++ /dev/null");
    expect(json.files.some((f) => f.path.endsWith("mine.md"))).toBe(false);
  });

  it("ignores leftover temp files from an interrupted build", async () => {
    await writeFile(p.path(".claude/agents/.reviewer.md.123.abcdef.tmp"), "partial");
    expect((await p.run("build", "--check")).code).toBe(0);
  });

  it("colours the diff only when asked, and never with NO_COLOR", async () => {
    await rm(p.path(".claude/agents/reviewer.md"));
    const plain = await p.run("build", "--check");
    expect(plain.stdout).not.toContain("\u001b[");
    const forced = await p.runWith({ FORCE_COLOR: "1" }, "build", "--check");
    expect(forced.stdout).toContain("\u001b[32m+");
    const both = await p.runWith({ FORCE_COLOR: "1", NO_COLOR: "1" }, "build", "--check");
    expect(both.stdout).not.toContain("\u001b[");
    expect(both.stderr).not.toContain("\u001b[");
  });
});
