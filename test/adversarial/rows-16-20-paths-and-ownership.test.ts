import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { outputFiles, persona, printed, project, snapshot, where } from "./harness.js";

// ADVERSARIAL.md rows 16–20: names that try to become paths, collisions, symlinks, files persona
// does not own, and generated files that were deleted or edited by hand.

const outside: string[] = [];
/** A folder outside any project: stands in for `~` or another repository. */
async function elsewhere(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "persona-outside-"));
  outside.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(outside.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const sha = (text: string | Buffer) => createHash("sha256").update(text).digest("hex");

describe("row 16: names that look like paths or devices", () => {
  const names = [
    "../../.ssh/authorized_keys",
    "/etc/passwd",
    "'..\\..\\x'",
    "'C:\\evil'",
    "a/b",
    "con",
    "NUL",
    "com1",
    "lpt9",
    "name.",
    '"name "',
    "x".repeat(300),
    '""',
  ];

  it("refuses every one at the name's position, on every OS, and writes nothing anywhere", async () => {
    const files = Object.fromEntries(
      names.map((n, i) => [`personas/n${String(i).padStart(2, "0")}.md`, `---\nname: ${n}\n---\n# T\n`]),
    );
    const p = await project(files);
    const r = await p.run("build");
    expect(r.code).toBe(1);
    const invalid = printed(r.stderr).filter((d) => d.rule === "persona/invalid-id");
    expect(invalid.map((d) => `${d.file}:${d.line}:${d.column}`)).toEqual(Object.keys(files).map((f) => `${f}:2:7`));
    expect(invalid.every((d) => d.message.includes("a persona name must match ^[a-z0-9]+(-[a-z0-9]+)*$"))).toBe(true);
    for (const device of ["con", "NUL", "com1", "lpt9"]) {
      expect(r.stderr).toContain(`Unexpected name "${device}": it is a device name reserved on Windows`);
    }
    expect(r.stderr).toContain("it is longer than 64 characters");
    expect(outputFiles(p.dir)).toEqual([]);
    expect(existsSync(join(p.dir, "..", ".ssh"))).toBe(false);
  });
});

describe("row 17: ids and outputs that collide on case-insensitive file systems", () => {
  it("refuses Reviewer/reviewer and NFC/NFD résumé on Linux too, naming both files; nothing written", async () => {
    const p = await project({
      "personas/a.md": "---\nname: Reviewer\n---\n# A\n",
      "personas/b.md": "---\nname: reviewer\n---\n# B\n",
      "personas/c.md": "---\nname: r\u00e9sum\u00e9\n---\n# C\n",
      "personas/d.md": "---\nname: re\u0301sume\u0301\n---\n# D\n",
      "personas/e.md": "---\nname: east\ntargets:\n  mcp: { name: west }\n---\n# E\n",
      "personas/w.md": "---\nname: west\n---\n# W\n",
    });
    const r = await p.run("build");
    expect(r.code).toBe(1);
    expect(where(r.stderr).filter((w) => !/persona\/(?:slugified-name|no-description)$/.test(w))).toEqual([
      "personas/a.md:2:7 persona/id-collision",
      "personas/b.md:2:7 persona/id-collision",
      "personas/c.md:2:7 persona/id-collision",
      "personas/d.md:2:7 persona/id-collision",
      "personas/w.md:2:1 target/invalid-name",
    ]);
    expect(r.stderr).toContain("Persona id `reviewer` is used by more than one file: personas/a.md, personas/b.md");
    expect(r.stderr).toContain("Persona id `resume` is used by more than one file: personas/c.md, personas/d.md");
    expect(outputFiles(p.dir)).toEqual([]);
  });
});

describe("row 18: symlinks at outputs and inputs", () => {
  it("refuses to write through a symlinked output; the link's target stays byte-identical", async () => {
    const home = await elsewhere();
    await writeFile(join(home, ".bashrc"), "export SECRET=1\n");
    const p = await project({ "personas/reviewer.md": persona("reviewer") });
    await mkdir(p.path(".claude/agents"), { recursive: true });
    await symlink(join(home, ".bashrc"), p.path(".claude/agents/reviewer.md"));
    for (const args of [["build"], ["build", "--force"]]) {
      const r = await p.run(...args);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        ".claude/agents/reviewer.md:1:1: error output/symlink: Refusing to write through symlink .claude/agents/reviewer.md",
      );
    }
    expect(await readFile(join(home, ".bashrc"), "utf8")).toBe("export SECRET=1\n");
    expect(await readlink(p.path(".claude/agents/reviewer.md"))).toBe(join(home, ".bashrc"));
  });

  it("refuses an output folder that is a symlink out of the repository", async () => {
    const away = await elsewhere();
    const p = await project({ "personas/reviewer.md": persona("reviewer") });
    await symlink(away, p.path(".cursor"));
    const r = await p.run("build");
    expect(r.code).toBe(1);
    expect(where(r.stderr)).toEqual([
      ".cursor/agents/reviewer.md:1:1 output/symlink",
      ".cursor/rules/reviewer.mdc:1:1 output/symlink",
    ]);
    expect(r.stderr).toContain("Refusing to write through symlink .cursor");
    expect(await readdir(away)).toEqual([]);
    expect(existsSync(p.path(".claude"))).toBe(false);
  });

  it("never reads a persona file that links outside the personas folder", async () => {
    const home = await elsewhere();
    await writeFile(join(home, "id_rsa"), "-----BEGIN OPENSSH PRIVATE KEY-----\nKEYDATA\n");
    const p = await project({ "personas/ok.md": persona("ok") });
    await symlink(join(home, "id_rsa"), p.path("personas/evil.md"));
    for (const command of ["build", "validate", "list"]) {
      const r = await p.run(command);
      expect(r.code, command).toBe(1);
      expect(r.stderr).toContain(
        "personas/evil.md:1:1: error file/unreadable: Persona file is a symlink to a file outside the personas folder; not read",
      );
      expect(r.stdout + r.stderr).not.toContain("KEYDATA");
    }
    expect(outputFiles(p.dir)).toEqual([]);
  });
});

describe("row 19: a hand-written file at an output path", () => {
  it("is never modified without --force; nothing else is written either", async () => {
    const mine = "# Our Copilot instructions\n\nWritten by hand.\n";
    const p = await project({
      "personas/reviewer.md": persona("reviewer"),
      ".github/copilot-instructions.md": mine,
    });
    const r = await p.run("build");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      ".github/copilot-instructions.md:1:1: error output/not-generated: .github/copilot-instructions.md exists and has no persona managed block; use --force to append the block (your text is kept)",
    );
    expect(sha(await p.read(".github/copilot-instructions.md"))).toBe(sha(mine));
    expect(outputFiles(p.dir)).toEqual([".github/copilot-instructions.md"]);

    const forced = await p.run("build", "--force");
    expect(forced.code).toBe(0);
    const merged = await p.read(".github/copilot-instructions.md");
    expect(merged.startsWith(mine)).toBe(true);
    expect(merged).toContain("<!-- persona:begin");
  });
});

describe("row 20: stale, edited and look-alike files", () => {
  it("deletes only unedited stale files, keeps edited and unmarked ones, and --check reports both kinds", async () => {
    const p = await project({ "personas/a.md": persona("alpha"), "personas/b.md": persona("beta") });
    expect((await p.run("build", "--target", "claude")).code).toBe(0);
    const edited = `${await p.read(".claude/agents/alpha.md")}A line added by hand.\n`;
    await writeFile(p.path(".claude/agents/alpha.md"), edited);
    await writeFile(p.path(".claude/agents/lookalike.md"), "# Notes\n\nNo marker here.\n");
    await rm(p.path("personas/b.md"));

    const dry = await p.run("build", "--target", "claude", "--dry-run");
    expect(dry.code).toBe(0);
    expect(dry.stdout).toBe("edited  .claude/agents/alpha.md\nremove  .claude/agents/beta.md\n");
    expect(existsSync(p.path(".claude/agents/beta.md"))).toBe(true);

    const before = snapshot(p.dir);
    const check = await p.run("build", "--target", "claude", "--check");
    expect(check.code).toBe(1);
    expect(check.stderr).toContain("  edited   .claude/agents/alpha.md\n");
    expect(check.stderr).toContain("  stale    .claude/agents/beta.md\n");
    expect(check.stdout).toContain("--- a/.claude/agents/beta.md\n+++ /dev/null\n");
    expect(snapshot(p.dir)).toEqual(before);

    const r = await p.run("build", "--target", "claude");
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      ".claude/agents/alpha.md:1:1: warning output/edited: Generated file was edited (its content no longer matches the hash in its marker); not overwritten (use --force)",
    );
    expect(r.stderr).toContain("1 removed, 1 kept (edited by hand)");
    expect(await p.read(".claude/agents/alpha.md")).toBe(edited);
    expect(existsSync(p.path(".claude/agents/beta.md"))).toBe(false);
    expect(await p.read(".claude/agents/lookalike.md")).toBe("# Notes\n\nNo marker here.\n");

    expect((await p.run("build", "--target", "claude", "--force")).code).toBe(0);
    expect(await p.read(".claude/agents/alpha.md")).not.toContain("A line added by hand.");
    expect((await p.run("build", "--target", "claude", "--check")).code).toBe(0);
    expect(await p.read(".claude/agents/lookalike.md")).toBe("# Notes\n\nNo marker here.\n");
  });

  it("keeps a stale file that was edited by hand, with a warning, until --force", async () => {
    const p = await project({ "personas/a.md": persona("alpha"), "personas/b.md": persona("beta") });
    expect((await p.run("build", "--target", "cursor")).code).toBe(0);
    await writeFile(p.path(".cursor/rules/beta.mdc"), `${await p.read(".cursor/rules/beta.mdc")}mine\n`);
    await rm(p.path("personas/b.md"));
    const r = await p.run("build", "--target", "cursor");
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(".cursor/rules/beta.mdc:1:1: warning output/edited");
    expect(r.stderr).toContain("not deleted (use --force)");
    expect(existsSync(p.path(".cursor/rules/beta.mdc"))).toBe(true);
    expect((await p.run("build", "--target", "cursor", "--max-warnings", "0")).code).toBe(1);
    expect((await p.run("build", "--target", "cursor", "--force")).code).toBe(0);
    expect(existsSync(p.path(".cursor/rules/beta.mdc"))).toBe(false);
  });
});
