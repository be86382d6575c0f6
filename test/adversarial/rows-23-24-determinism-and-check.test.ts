import { chmod, readFile, rm, stat, writeFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { outputFiles, parseJson, persona, project, runShell, snapshot } from "./harness.js";

// ADVERSARIAL.md rows 23–24: byte-identical output whatever the platform details, and what
// `--check` reports. One Linux machine cannot be macOS or Windows: the closest honest test feeds
// CRLF input (what git's core.autocrlf checks out on Windows), creates the files in another order,
// and changes TZ and the locale between two builds.

const ids = ["zeta", "a-c", "ab", "alpha", "i-istanbul", "m10", "m9"];

/** A persona with text that sorts or cases differently under other locales. */
const text = (id: string) =>
  persona(id, { title: `${id} İstanbul ıi`, keywords: [id, "Ärger", "zebra"], files: [`src/${id}/**`] });

async function buildOutputs(
  files: Record<string, string>,
  order: readonly string[],
  env: Record<string, string>,
): Promise<{ dir: string; bytes: Map<string, string>; stderr: string }> {
  const p = await project({ "personas/.keep": "" });
  await rm(p.path("personas/.keep"));
  for (const rel of order) await writeFile(p.path(rel), files[rel] ?? "");
  const exports = Object.entries(env)
    .map(([k, v]) => `export ${k}='${v}'`)
    .join("; ");
  const r = await runShell(`umask 022; ${exports}`, ["build"], { cwd: p.dir });
  expect(r.code, r.stderr).toBe(0);
  const bytes = new Map<string, string>();
  for (const rel of outputFiles(p.dir)) bytes.set(rel, await readFile(p.path(rel), "latin1"));
  return { dir: p.dir, bytes, stderr: r.stderr };
}

describe("row 23: byte-identical output across line ends, file order, time zone and locale", () => {
  it("CRLF + BOM input in reverse creation order, another TZ and LANG: the same bytes, LF, sorted, no paths", async () => {
    const lf = Object.fromEntries(ids.map((id) => [`personas/${id}.md`, text(id)]));
    const crlf = Object.fromEntries(ids.map((id) => [`personas/${id}.md`, `\uFEFF${text(id).replace(/\n/g, "\r\n")}`]));
    const order = Object.keys(lf);
    const a = await buildOutputs(lf, order, { TZ: "UTC", LANG: "C", LC_ALL: "C" });
    const b = await buildOutputs(crlf, [...order].reverse(), {
      TZ: "Asia/Kathmandu",
      LANG: "tr_TR.UTF-8",
      LC_ALL: "tr_TR.UTF-8",
    });
    expect([...b.bytes.keys()]).toEqual([...a.bytes.keys()]);
    for (const [rel, bytes] of a.bytes) expect(b.bytes.get(rel), rel).toBe(bytes);

    const today = new Date().toISOString().slice(0, 10);
    for (const [rel, bytes] of a.bytes) {
      expect(bytes.includes("\r"), rel).toBe(false);
      expect(bytes.startsWith("\xEF\xBB\xBF"), rel).toBe(false);
      expect(bytes.endsWith("\n") && !bytes.endsWith("\n\n"), rel).toBe(true);
      expect(bytes.includes(a.dir) || bytes.includes(b.dir), rel).toBe(false);
      expect(bytes.includes(today), rel).toBe(false);
    }
    // Code-unit order, not the locale's: "a-c" < "ab" < "alpha" < "i-istanbul" < "m10" < "m9" < "zeta".
    const prompts = JSON.parse(a.bytes.get(".mcp/prompts.json") ?? "{}") as { prompts: { name: string }[] };
    expect(prompts.prompts.map((x) => x.name)).toEqual(["a-c", "ab", "alpha", "i-istanbul", "m10", "m9", "zeta"]);
  });

  it("writes 0 files the second time, --check passes right after, new files 0644, modes kept, never executable", async () => {
    const p = await project(Object.fromEntries(ids.map((id) => [`personas/${id}.md`, text(id)])));
    const first = await runShell("umask 022", ["build"], { cwd: p.dir });
    expect(first.code).toBe(0);
    const outputs = outputFiles(p.dir);
    for (const rel of outputs) expect(((await stat(p.path(rel))).mode & 0o777).toString(8), rel).toBe("644");

    const second = await p.run("build");
    expect(second.stderr).toMatch(/^7 personas, 0 files written, \d+ unchanged\n$/);
    expect((await p.run("build", "--check")).code).toBe(0);

    await chmod(p.path(".claude/agents/zeta.md"), 0o600);
    await chmod(p.path(".cursor/rules/zeta.mdc"), 0o755);
    await writeFile(p.path("personas/zeta.md"), persona("zeta", { title: "Changed" }));
    expect((await p.run("build")).code).toBe(0);
    expect((await stat(p.path(".claude/agents/zeta.md"))).mode & 0o777).toBe(0o600);
    expect((await stat(p.path(".cursor/rules/zeta.mdc"))).mode & 0o777).toBe(0o644);
  });
});

describe("row 24: --check with a modified, a missing and a stale untracked file", () => {
  it("exits 1 with a diff per file and the missing/stale/edited lists, and writes nothing", async () => {
    const p = await project({
      "personas/a.md": persona("alpha"),
      "personas/b.md": persona("beta"),
      "personas/c.md": persona("gamma"),
      "personas/ghost.md": persona("ghost"),
    });
    expect((await p.run("build", "--target", "claude")).code).toBe(0);
    await writeFile(p.path("personas/a.md"), persona("alpha", { title: "Alpha v2" }));
    const edited = `${await p.read(".claude/agents/beta.md")}edited by hand\n`;
    await writeFile(p.path(".claude/agents/beta.md"), edited);
    await rm(p.path(".claude/agents/gamma.md"));
    // A generated file whose persona is gone, say never committed: `git diff --exit-code` misses it.
    await rm(p.path("personas/ghost.md"));
    const before = snapshot(p.dir);

    const r = await p.run("build", "--target", "claude", "--check");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("--- a/.claude/agents/alpha.md\n+++ b/.claude/agents/alpha.md\n@@ ");
    expect(r.stdout).toContain("-# alpha persona\n+# Alpha v2\n");
    expect(r.stdout).toContain("--- a/.claude/agents/beta.md\n+++ b/.claude/agents/beta.md\n");
    expect(r.stdout).toContain("--- /dev/null\n+++ b/.claude/agents/gamma.md\n");
    expect(r.stdout).toContain("--- a/.claude/agents/ghost.md\n+++ /dev/null\n");
    expect(r.stderr).toContain(
      [
        "  changed  .claude/agents/alpha.md",
        "  edited   .claude/agents/beta.md",
        "  missing  .claude/agents/gamma.md",
        "  stale    .claude/agents/ghost.md",
      ].join("\n"),
    );
    expect(snapshot(p.dir)).toEqual(before);

    const json = parseJson<{ files: { path: string; action: string; diff?: string }[] }>(
      await p.run("build", "--target", "claude", "--check", "--format", "json"),
    );
    expect(json.files.filter((f) => f.action !== "unchanged").map((f) => [f.path, f.action, typeof f.diff])).toEqual([
      [".claude/agents/alpha.md", "update", "string"],
      [".claude/agents/beta.md", "edited", "string"],
      [".claude/agents/gamma.md", "add", "string"],
      [".claude/agents/ghost.md", "remove", "string"],
    ]);
    const github = await p.run("build", "--target", "claude", "--check", "--format", "github");
    expect(github.code).toBe(1);
    expect(github.stdout).toContain("::error file=.claude/agents/gamma.md,line=1,col=1,title=output/drift::Missing:");
    expect(snapshot(p.dir)).toEqual(before);
  });
});
