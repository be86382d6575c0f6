import { lstat, readFile, unlink } from "node:fs/promises";
import { hasManagedBlock, isGeneratedFile, mapPool } from "@personas/core";
import { CliError } from "../errors.js";
import { commitStaged, discardStaged, stageFile } from "./atomic.js";

const WRITE_CONCURRENCY = 16;

import type { PlannedFile } from "./plan.js";

/** What `applyPlan` did. */
export interface ApplyResult {
  written: number;
  removed: number;
}

/** An I/O failure while writing: exit 2, with the path and the system's error code. */
export class WriteError extends CliError {
  constructor(path: string, cause: unknown) {
    const code = (cause as NodeJS.ErrnoException).code ?? (cause instanceof Error ? cause.message : String(cause));
    super("WRITE", `persona: cannot write ${path}: ${code}`);
    this.name = "WriteError";
  }
}

/**
 * Carries out a plan in two phases. First every new file is staged to a temp file beside its
 * destination: a full disk or a read-only folder fails here, the temps are removed, and no
 * existing file has changed. Then the temps are renamed into place (a rename cannot run out of
 * space) and stale files are removed, each re-checked just before unlinking. Files the plan
 * marks `edited` (changed by hand since persona wrote them) are not touched.
 */
export async function applyPlan(files: readonly PlannedFile[]): Promise<ApplyResult> {
  const toWrite = files.filter((f) => f.action === "add" || f.action === "update");
  // Bounded concurrency: thousands of files at once would run out of descriptors (EMFILE).
  const stagedOrFailed = await mapPool(toWrite, WRITE_CONCURRENCY, async (file) => {
    try {
      return { staged: await stageFile(file.absolute, file.after ?? "", file.mode) };
    } catch (e) {
      return { error: new WriteError(file.path, e) };
    }
  });
  const staged = stagedOrFailed.flatMap((r) => ("staged" in r ? [r.staged] : []));
  const failed = stagedOrFailed.find((r) => "error" in r);
  if (failed && "error" in failed) {
    await discardStaged(staged);
    throw failed.error;
  }
  const committed = await mapPool(staged, WRITE_CONCURRENCY, async (s) => {
    try {
      await commitStaged(s);
      return undefined;
    } catch (e) {
      return { staged: s, error: e };
    }
  });
  const commitFailure = committed.find((r) => r !== undefined);
  if (commitFailure) {
    await discardStaged(staged);
    const file = toWrite.find((f) => f.absolute === commitFailure.staged.destination);
    throw new WriteError(file?.path ?? commitFailure.staged.destination, commitFailure.error);
  }
  let removed = 0;
  for (const file of files.filter((f) => f.action === "remove")) {
    try {
      const info = await lstat(file.absolute);
      if (!info.isFile()) continue;
      const contents = await readFile(file.absolute, "utf8");
      // Re-checked just before unlinking: a file that changed since the plan (an edit, another
      // build) is no longer the file that was judged safe to remove.
      if (contents !== file.before || !isGeneratedFile(contents) || hasManagedBlock(contents)) continue;
      await unlink(file.absolute);
      removed++;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw new WriteError(file.path, e);
    }
  }
  return { written: staged.length, removed };
}
