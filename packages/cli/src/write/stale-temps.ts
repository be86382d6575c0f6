import { lstat, readdir, unlink } from "node:fs/promises";
import { join } from "node:path";
import { declaredOutputs, segmentMatcher, type TargetId } from "@personas/core/outputs";
import type { Settings } from "../project/settings.js";
import { leavesRoot } from "./prune.js";

/** The temp names `stageFile` makes: `.<name>.<pid>.<12 hex>.tmp`, beside the destination. */
const TEMP_NAME = /^\.(.+)\.(\d+)\.[0-9a-f]{12}\.tmp$/;

/** True when a process with this id exists (on this machine); a permission error still means it does. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** True when every folder from `root` down to `dir` is a real folder, not a link or a file. */
async function isPlainFolder(root: string, segments: readonly string[]): Promise<boolean> {
  let current = root;
  for (const segment of segments) {
    current = join(current, segment);
    const info = await lstat(current).catch(() => undefined);
    if (!info?.isDirectory()) return false;
  }
  return true;
}

/**
 * Removes temp files a killed build left in the output folders of the selected targets: names
 * persona makes (`.<output name>.<pid>.<random>.tmp`, where the output name matches the folder's
 * output pattern) whose process is no longer running. A running build's temps are never touched,
 * so two builds at once do not pull files out from under each other. Nothing is followed through
 * a symlink. Returns the number of files removed.
 */
export async function removeStaleTemps(settings: Settings, selected: readonly TargetId[]): Promise<number> {
  let removed = 0;
  const visited = new Set<string>();
  for (const { target, output } of declaredOutputs(selected, settings.scope)) {
    const root = settings.targetRoots.get(target) ?? settings.outDir;
    if (await leavesRoot(settings.outDir, root)) continue;
    const segments = output.path.split("/");
    const folder = segments.slice(0, -1);
    const name = segmentMatcher(segments.at(-1) ?? "");
    const dir = join(root, ...folder);
    if (folder.some((s) => s.includes("<id>")) || !(await isPlainFolder(root, folder))) continue;
    for (const entry of await readdir(dir).catch(() => [] as string[])) {
      const match = TEMP_NAME.exec(entry);
      const path = join(dir, entry);
      if (!match || !name.test(match[1] ?? "") || visited.has(path)) continue;
      visited.add(path);
      const pid = Number(match[2]);
      if (pid === process.pid || isRunning(pid)) continue;
      const info = await lstat(path).catch(() => undefined);
      if (!info?.isFile()) continue;
      await unlink(path).then(
        () => removed++,
        () => undefined,
      );
    }
  }
  return removed;
}
