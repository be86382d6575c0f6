import { execFile } from "node:child_process";
import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The repository root. */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Runs a program and returns its output; a non-zero exit rejects with stdout and stderr attached. */
export async function exec(
  file: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<{ stdout: string; stderr: string }> {
  return run(file, args, { cwd: options.cwd, env: options.env ?? process.env, maxBuffer: 64 * 1024 * 1024 });
}

/**
 * Packs a workspace package (`core` or `cli`) exactly as it would be published — `pnpm pack`
 * applies `publishConfig` and rewrites `workspace:` ranges — into a fresh temp folder, and returns
 * the tarball's path. The package must be built (`pnpm test` builds first).
 */
export async function packPackage(name: "core" | "cli"): Promise<string> {
  const dest = await mkdtemp(join(tmpdir(), `persona-pack-${name}-`));
  await exec("pnpm", ["pack", "--pack-destination", dest], { cwd: join(ROOT, "packages", name) });
  const tarball = (await readdir(dest)).find((f) => f.endsWith(".tgz"));
  if (tarball === undefined) throw new Error(`pnpm pack left no tarball in ${dest}`);
  return join(dest, tarball);
}

/** The file paths inside a tarball (`package/…`), sorted. */
export async function tarballFiles(tarball: string): Promise<string[]> {
  const { stdout } = await exec("tar", ["-tzf", tarball], { cwd: ROOT });
  return stdout
    .split("\n")
    .filter((line) => line !== "" && !line.endsWith("/"))
    .sort();
}

/** One file of a tarball, read with `tar -xzOf`. */
export async function tarballFile(tarball: string, path: string): Promise<string> {
  return (await exec("tar", ["-xzOf", tarball, path], { cwd: ROOT })).stdout;
}
