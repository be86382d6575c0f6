import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The built bin: end-to-end tests run exactly what users run (`pnpm build` first). */
export const BIN = fileURLToPath(new URL("../../packages/cli/dist/persona.js", import.meta.url));

/** The repository root, for the bundled personas and its own config. */
export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** What a finished `persona` process left behind. */
export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Options of `runCli`. */
export interface RunOptions {
  cwd: string;
  /** Extra environment; `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
}

/**
 * Runs the built `persona` bin as a real process. Colour variables are removed from the inherited
 * environment so output is plain unless a test asks for colour.
 */
export function runCli(args: readonly string[], options: RunOptions): Promise<RunResult> {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined };
  for (const [key, value] of Object.entries(options.env ?? {})) env[key] = value;
  const clean = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv;
  return runProcess(process.execPath, [BIN, ...args], { cwd: options.cwd, env: clean });
}

/** Runs any program to its end and collects its output, whatever its exit code. */
export function runProcess(
  file: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: options.cwd, env: options.env ?? process.env });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Parses a `--json` stdout, failing the test with the raw text when it is not JSON. */
export function parseJson<T = Record<string, unknown>>(result: RunResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`stdout is not JSON:\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
}

/** A small valid persona file. */
export function persona(id: string, options: { title?: string; keywords?: string[]; files?: string[] } = {}): string {
  const lines = [
    "---",
    `name: ${id}`,
    `description: Use the ${id} persona for ${id} work.`,
    "---",
    "",
    `# ${options.title ?? `${id} persona`}`,
    "",
    `A ${id} who cares about getting ${id} right.`,
    "",
    "## Auto-Activation Triggers",
    `- Keywords: ${(options.keywords ?? [id]).map((k) => `"${k}"`).join(", ")}`,
  ];
  if (options.files) lines.push(`- File patterns: ${options.files.map((f) => `\`${f}\``).join(", ")}`);
  return `${lines.join("\n")}\n`;
}

/** A temporary project folder with helpers to run the CLI in it and inspect what it wrote. */
export interface Project {
  dir: string;
  path(rel: string): string;
  read(rel: string): Promise<string>;
  write(rel: string, text: string): Promise<void>;
  exists(rel: string): boolean;
  run(...args: string[]): Promise<RunResult>;
  runWith(env: Record<string, string | undefined>, ...args: string[]): Promise<RunResult>;
  remove(): Promise<void>;
}

/**
 * Makes a project in a fresh folder under the OS temp dir: the given files, plus an empty `.git`
 * folder so the CLI's upward config search stops here, as it does at a repository root.
 */
export async function makeProject(files: Readonly<Record<string, string>> = {}): Promise<Project> {
  const dir = await mkdtemp(join(tmpdir(), "persona-e2e-"));
  await mkdir(join(dir, ".git"));
  const path = (rel: string) => join(dir, rel);
  const write = async (rel: string, text: string) => {
    await mkdir(dirname(path(rel)), { recursive: true });
    await writeFile(path(rel), text);
  };
  for (const [rel, text] of Object.entries(files)) await write(rel, text);
  return {
    dir,
    path,
    read: (rel) => readFile(path(rel), "utf8"),
    write,
    exists: (rel) => existsSync(path(rel)),
    run: (...args) => runCli(args, { cwd: dir }),
    runWith: (env, ...args) => runCli(args, { cwd: dir, env }),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
