import { rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { scratchDir } from "./project.js";
import type { Sandbox } from "./sandbox.js";

/** What a loader script printed: its JSON answer, or why there is none (exit code and output). */
export type LoaderAnswer<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Runs one of the loader scripts beside the tool modules (`tools/<tool>-loader.mjs`) with Node in
 * the sandbox: no network, a scratch HOME, `cwd` as the working folder. The script imports the
 * tool's own package from the install cache (its path is among `args`), makes it read the files,
 * and prints one JSON object; anything else is returned as the failure message.
 */
export async function runLoaderScript<T>(
  sandbox: Sandbox,
  script: string,
  args: readonly string[],
  cwd: string,
): Promise<LoaderAnswer<T>> {
  const home = await scratchDir("loader-home");
  try {
    const path = fileURLToPath(new URL(`./tools/${script}`, import.meta.url));
    const result = await sandbox.run(process.execPath, [path, ...args], { cwd, home, timeoutMs: 120_000 });
    if (result.code === 0) {
      try {
        return { ok: true, value: JSON.parse(result.stdout) as T };
      } catch {
        // Falls through: the output is the message.
      }
    }
    return { ok: false, message: `exit ${result.code}: ${result.stdout}${result.stderr}`.trim() };
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}
