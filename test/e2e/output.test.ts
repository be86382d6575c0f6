import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Io } from "../../packages/cli/src/io.js";
import { main } from "../../packages/cli/src/main.js";
import { BIN, makeProject, type Project, parseJson, REPO_ROOT } from "../helpers/cli.js";

const run = promisify(execFile);
const BUNDLED = join(REPO_ROOT, "personas");

let p: Project;
beforeAll(async () => {
  p = await makeProject({
    "personas/bad.md": "---\nname: ok\ndescription: fine\n---\n# Bad\n\nHidden\u200b text and an \u001b[2K escape.\n",
  });
});
afterAll(() => p.remove());

describe("diagnostic output", () => {
  it("escapes control and invisible characters, so a terminal or CI log cannot be rewritten", async () => {
    const r = await p.run("validate");
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain("\u001b");
    expect(r.stderr).not.toContain("\u200b");
    expect(r.stderr).toMatch(/^personas\/bad\.md:7:7: error security\/hidden-unicode: /m);
  });

  it("has no colour or code frame when stderr is not a terminal", async () => {
    const r = await p.run("validate");
    expect(r.stderr).not.toMatch(/^\s+\d+ \|/m);
    const forced = await p.runWith({ FORCE_COLOR: "1" }, "validate");
    expect(forced.stderr).toContain("\u001b[31merror\u001b[39m");
  });

  // `script` gives the child a pseudo-terminal, the only honest way to test TTY behaviour.
  const script = ["/usr/bin/script", "/bin/script"].find((s) => existsSync(s));
  it.skipIf(!script)("adds a code frame and colour on a terminal, and no colour with NO_COLOR", async () => {
    const command = `${process.execPath} ${BIN} validate`;
    const tty = await run(script ?? "script", ["-qec", command, "/dev/null"], { cwd: p.dir }).catch(
      (e: { stdout: string }) => e,
    );
    expect(tty.stdout).toContain("\u001b[31m");
    expect(tty.stdout).toMatch(/7 \|.*Hidden<U\+200B> text/);
    expect(tty.stdout).toMatch(/\|\u001b\[22m {7}\u001b\[31m\^/);
    const plain = await run(script ?? "script", ["-qec", command, "/dev/null"], {
      cwd: p.dir,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined },
    }).catch((e: { stdout: string }) => e);
    expect(plain.stdout).not.toContain("\u001b[");
    expect(plain.stdout).toMatch(/7 \| Hidden<U\+200B> text/);
  });
});

describe("pipes", () => {
  it("writes a large --json result completely through a pipe", async () => {
    const q = await makeProject();
    try {
      const r = await q.run("build", "--check", "--json", "--personas", BUNDLED, "--out", "gen");
      expect(r.code).toBe(1);
      expect(r.stdout.length).toBeGreaterThan(64 * 1024);
      const json = parseJson<{ files: { action: string }[] }>(r);
      expect(json.files.every((f) => f.action === "add")).toBe(true);
    } finally {
      await q.remove();
    }
  });

  it("stops quietly on EPIPE (`persona … | head -1`) and keeps the real exit code", async () => {
    const q = await makeProject();
    try {
      const command = `"${process.execPath}" "${BIN}" build --check --personas "${BUNDLED}" --out gen | head -1; echo "rc=\${PIPESTATUS[0]}" >&2`;
      const { stdout, stderr } = await run("bash", ["-c", command], { cwd: q.dir });
      expect(stdout.split("\n").length).toBe(2);
      expect(stderr).not.toMatch(/EPIPE|Error|at /);
      expect(stderr).toMatch(/rc=1\n$/);
    } finally {
      await q.remove();
    }
  });
});

describe("internal errors", () => {
  function io(verbose: boolean, stderr: string[]): Io {
    const failing = new Writable({
      write(_chunk, _encoding, done) {
        done();
      },
    });
    failing.write = () => {
      throw new Error("disk on fire");
    };
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        stderr.push(chunk.toString());
        done();
      },
    });
    return { cwd: p.dir, env: {}, stdin: process.stdin, stdout: failing, stderr: sink, verbose };
  }

  it("print one line and a hint, exit 2, no stack", async () => {
    const stderr: string[] = [];
    expect(await main(["schema"], io(false, stderr))).toBe(2);
    expect(stderr.join("")).toBe(
      "persona: internal error: disk on fire\nThis is a bug in persona. Run again with --verbose for the stack trace.\n",
    );
  });

  it("print the stack with --verbose", async () => {
    const stderr: string[] = [];
    expect(await main(["schema", "--verbose"], io(true, stderr))).toBe(2);
    expect(stderr.join("")).toMatch(/^persona: internal error: Error: disk on fire\n\s+at /);
  });
});
