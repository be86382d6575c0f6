import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { ownershipOf } from "../../packages/core/src/index.js";
import { BIN, outputFiles, persona, project, runShell, snapshot } from "./harness.js";

// ADVERSARIAL.md rows 21–22: faults while writing (a write the OS refuses, a folder or file in
// the way, a build killed mid-write) and two builds at once. We run as root, so permission-based
// faults do not bite; the file-size limit (`ulimit -f`, with SIGXFSZ ignored so a write fails
// with EFBIG instead of killing the process) is a real write failure the OS raises.

const temps = (dir: string) => outputFiles(dir).filter((f) => f.endsWith(".tmp"));

/** A persona whose outputs are about `kb` KiB, to trip the file-size limit. */
function big(id: string, kb: number): string {
  const paragraph = `${"Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(16)}\n\n`;
  return `${persona(id)}\n## Notes\n\n${paragraph.repeat(Math.ceil((kb * 1024) / paragraph.length))}`;
}

/** Checks that a generated file is whole: it parses, ends with one newline and its hash matches. */
function assertComplete(rel: string, text: string): void {
  expect(text.endsWith("\n") && !text.endsWith("\n\n"), rel).toBe(true);
  expect(ownershipOf(rel.endsWith(".json") ? "json" : "markdown", text), rel).toBe("generated");
  if (rel.endsWith(".json")) {
    expect(() => JSON.parse(text), rel).not.toThrow();
  } else {
    const fm = /^---\n([\s\S]*?)\n---\n/.exec(text);
    expect(fm, rel).not.toBeNull();
    expect(() => parseYaml(fm?.[1] ?? ""), rel).not.toThrow();
  }
}

describe("row 21: write failures, things in the way, and a killed build", () => {
  it("a write the OS refuses (EFBIG on the 3rd of 10) exits 2, changes no existing file, leaves no temp", async () => {
    const ids = "abcdefghij".split("").map((c) => `${c}-agent`);
    const p = await project(Object.fromEntries(ids.map((id) => [`personas/${id}.md`, persona(id)])));
    expect((await p.run("build", "--target", "claude")).code).toBe(0);
    const before = snapshot(p.dir);
    for (const id of ids) await writeFile(p.path(`personas/${id}.md`), persona(id, { title: `${id} v2` }));
    await writeFile(p.path("personas/c-agent.md"), big("c-agent", 400));

    // 128 blocks: 64 KiB in dash (512-byte blocks), 128 KiB in bash; either way far from 400 KiB.
    const r = await runShell("trap '' XFSZ; ulimit -f 128", ["build", "--target", "claude"], { cwd: p.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("persona: cannot write .claude/agents/c-agent.md: EFBIG\n");
    const after = snapshot(p.dir);
    for (const [rel, state] of Object.entries(before)) {
      if (rel.startsWith(".claude/")) expect(after[rel], rel).toBe(state);
    }
    expect(temps(p.dir)).toEqual([]);

    // Without the limit the same build converges.
    expect((await p.run("build", "--target", "claude")).code).toBe(0);
    expect((await p.run("build", "--target", "claude", "--check")).code).toBe(0);
  });

  it("a file where a folder belongs, or a folder where a file belongs, is refused before anything is written", async () => {
    const p = await project({ "personas/reviewer.md": persona("reviewer"), "personas/writer.md": persona("writer") });
    expect((await p.run("build")).code).toBe(0);
    await writeFile(p.path("personas/reviewer.md"), persona("reviewer", { title: "Changed" }));
    await rm(p.path(".cursor"), { recursive: true });
    await writeFile(p.path(".cursor"), "a file in the way\n");
    await rm(p.path(".claude/agents/writer.md"));
    await mkdir(p.path(".claude/agents/writer.md"));
    const before = snapshot(p.dir);
    const r = await p.run("build");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      ".claude/agents/writer.md:1:1: error output/not-a-file: Cannot write .claude/agents/writer.md: a folder or special file is in the way",
    );
    expect(r.stderr).toContain(
      ".cursor/rules/reviewer.mdc:1:1: error output/not-a-file: Cannot write .cursor: a folder or special file is in the way",
    );
    expect(snapshot(p.dir)).toEqual(before);
  });

  it("a build SIGKILLed mid-write leaves every output absent or complete; a rerun cleans up and converges", async () => {
    const count = 2000;
    const files: Record<string, string> = {};
    for (let i = 0; i < count; i++) {
      const id = `p${String(i).padStart(4, "0")}`;
      files[`personas/${id}.md`] = persona(id);
    }
    const p = await project(files);
    const args = ["build", "--target", "claude,cursor,mcp"];
    const child = spawn(process.execPath, [BIN, ...args], { cwd: p.dir, stdio: "ignore" });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("exit", (_code, signal) => resolve(signal)),
    );
    // Kill as soon as the first file is renamed into place: the rest are staged or being renamed.
    const first = p.path(".claude/agents/p0000.md");
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (existsSync(first)) {
          clearInterval(timer);
          child.kill("SIGKILL");
          resolve();
        } else if (child.exitCode !== null) {
          clearInterval(timer);
          reject(new Error("the build finished before it could be killed"));
        }
      }, 1);
    });
    expect(await exited).toBe("SIGKILL");

    const left = temps(p.dir);
    expect(left.length).toBeGreaterThan(0);
    expect(left.every((t) => /\/\.[^/]+\.\d+\.[0-9a-f]{12}\.tmp$/.test(t))).toBe(true);
    let complete = 0;
    for (const rel of outputFiles(p.dir).filter((f) => !f.endsWith(".tmp"))) {
      assertComplete(rel, await readFile(join(p.dir, rel), "utf8"));
      complete++;
    }
    expect(complete).toBeGreaterThan(0);
    // The interrupted state is not up to date, and --check says so without touching the temps.
    expect((await p.run(...args, "--check")).code).toBe(1);
    expect(temps(p.dir)).toEqual(left);

    const rerun = await p.run(...args);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(temps(p.dir)).toEqual([]);
    expect(readdirSync(p.path(".claude/agents"))).toHaveLength(count);
    expect((await p.run(...args, "--check")).code).toBe(0);
  }, 120_000);
});

describe("row 22: two builds at once", () => {
  it("both exit 0, outputs converge, and no temp file is left, also while both prune", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[`personas/q${i}.md`] = persona(`q${i}`);
    const p = await project(files);
    const [a, b] = await Promise.all([p.run("build"), p.run("build")]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(temps(p.dir)).toEqual([]);
    expect((await p.run("build", "--check")).code).toBe(0);

    // Now both remove the same stale files and rewrite the same changed ones.
    for (let i = 0; i < 100; i++) await rm(p.path(`personas/q${i}.md`));
    for (let i = 100; i < 200; i++) await writeFile(p.path(`personas/q${i}.md`), persona(`q${i}`, { title: "v2" }));
    const [c, d] = await Promise.all([p.run("build"), p.run("build")]);
    expect(c.code, c.stderr).toBe(0);
    expect(d.code, d.stderr).toBe(0);
    expect(temps(p.dir)).toEqual([]);
    expect((await p.run("build", "--check")).code).toBe(0);
    expect(existsSync(p.path(".claude/agents/q0.md"))).toBe(false);
    expect(await p.read(".claude/agents/q150.md")).toContain("# v2");
  }, 60_000);
});
