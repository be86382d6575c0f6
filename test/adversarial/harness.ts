import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { closeSync, openSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { afterEach } from "vitest";
import { outputAt } from "../../packages/core/src/index.js";
import { BIN, makeProject, type Project, type RunResult } from "../helpers/cli.js";

export { BIN, makeProject, type Project, parseJson, persona, REPO_ROOT, type RunResult } from "../helpers/cli.js";

/**
 * Projects made by `project()` in the current test file, removed after each test, so a failing
 * assertion never leaves a temp folder behind.
 */
const made: Project[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((p) => p.remove()));
});

/** A temp project with these files (and a `.git` folder), removed after the test. */
export async function project(files: Readonly<Record<string, string>> = {}): Promise<Project> {
  const p = await makeProject(files);
  made.push(p);
  return p;
}

/** The environment of a child: the test's, minus colour variables, plus `env`. */
function childEnv(env: Readonly<Record<string, string | undefined>> = {}): NodeJS.ProcessEnv {
  const merged: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined };
  Object.assign(merged, env);
  return Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv;
}

/** What a process run by `runShell` or `runToFile` left behind, with the signal that ended it. */
export interface ProcessResult extends RunResult {
  signal: NodeJS.Signals | null;
  ms: number;
}

/**
 * Runs the bin through `sh -c "<prelude>; exec node persona.js …"`, so the prelude can set limits
 * the process inherits (`ulimit -n 256`, `ulimit -f 64`, `trap "" XFSZ`, `umask 022`).
 */
export function runShell(
  prelude: string,
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string | undefined> },
): Promise<ProcessResult> {
  const script = `${prelude}; exec "$0" "$@"`;
  return collect(
    spawn("sh", ["-c", script, process.execPath, BIN, ...args], { cwd: options.cwd, env: childEnv(options.env) }),
  );
}

/** Runs the bin with stdout redirected to a file, the way `persona … > out.json` does. */
export async function runToFile(
  args: readonly string[],
  options: { cwd: string; file: string; env?: Record<string, string | undefined> },
): Promise<ProcessResult> {
  const fd = openSync(options.file, "w");
  try {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd,
      env: childEnv(options.env),
      stdio: ["ignore", fd, "pipe"],
    });
    const result = await collect(child);
    return { ...result, stdout: readFileSync(options.file, "utf8") };
  } finally {
    closeSync(fd);
  }
}

function collect(child: ReturnType<typeof spawn>): Promise<ProcessResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stdout?.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
    });
    child.stderr?.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr, ms: Date.now() - started }));
  });
}

/** Text written in Unicode tag characters (U+E0000 + ASCII): invisible, yet read by models. */
export function tagged(text: string): string {
  return Array.from(text, (c) => String.fromCodePoint(0xe0000 + (c.codePointAt(0) ?? 0))).join("");
}

/** One parsed `file:line:col: severity rule: message` line of stderr. */
export interface PrintedDiagnostic {
  file: string;
  line: number;
  column: number;
  severity: string;
  rule: string;
  message: string;
}

/** The diagnostics a human-format run printed, in order. */
export function printed(stderr: string): PrintedDiagnostic[] {
  const out: PrintedDiagnostic[] = [];
  for (const line of stderr.split("\n")) {
    const m = /^(.+?):(\d+):(\d+): (error|warning) (\S+): (.*)$/.exec(line);
    if (m) {
      out.push({
        file: m[1] ?? "",
        line: Number(m[2]),
        column: Number(m[3]),
        severity: m[4] ?? "",
        rule: m[5] ?? "",
        message: m[6] ?? "",
      });
    }
  }
  return out;
}

/** `file:line:col rule` of each printed diagnostic: a compact form to compare with a list. */
export function where(stderr: string): string[] {
  return printed(stderr).map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`);
}

const SKIPPED = new Set([".git", "personas", "templates", "tpl", "node_modules"]);

/** Every file under a project except its sources (.git, personas, templates), POSIX-relative, sorted. */
export function outputFiles(dir: string, options: { all?: boolean } = {}): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) {
        if (options.all || d !== dir || !SKIPPED.has(e.name)) walk(full);
      } else if (d !== dir || !/^persona\.config\./.test(e.name)) {
        out.push(relative(dir, full).split(sep).join("/"));
      }
    }
  };
  walk(dir);
  return out.sort();
}

/** Path → "sha256 mode mtime" of every file under a project: equal snapshots mean nothing was written. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of outputFiles(dir, { all: true })) {
    const full = join(dir, rel);
    const info = statSync(full);
    const hash = createHash("sha256").update(readFileSync(full)).digest("hex");
    out[rel] = `${hash} ${(info.mode & 0o777).toString(8)} ${info.mtimeMs}`;
  }
  return out;
}

/** Code points that must never appear raw in anything persona prints. */
export const RAW_HIDDEN =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|[\u{e0000}-\u{e007f}]/u;

/**
 * True for an output that lists the personas rather than carrying their text: a managed block in
 * a markdown file the user also edits (Copilot's repository instructions, AGENTS.md).
 */
export function listsPersonas(rel: string): boolean {
  return outputAt(rel)?.output.format.name === "managed-block";
}
