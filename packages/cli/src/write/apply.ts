import { lstat, readFile, unlink } from "node:fs/promises";
import { mapPool } from "@personas/core/outputs";
import { commitStaged, discardStaged, type StagedFile } from "./atomic.js";
import type { PlannedFile } from "./plan.js";
import { WriteError } from "./write-error.js";

export { WriteError } from "./write-error.js";

const COMMIT_CONCURRENCY = 16;

/** What `commitPlan` did. */
export interface ApplyResult {
  written: number;
  removed: number;
}

/**
 * Carries out a plan whose new files are already staged (see OutputPlanner): a full disk or a
 * read-only folder failed during staging, before any existing file changed. The temps are renamed
 * into place (a rename cannot run out of space), then stale files are removed, each re-checked
 * just before unlinking. Files the plan marks `edited` (changed by hand since persona wrote them)
 * are not touched.
 */
export async function commitPlan(files: readonly PlannedFile[]): Promise<ApplyResult> {
  // Each file's staged temp is worked out as its turn comes (see PlannedFile): a list of them all
  // up front was 20 MB at 10,000 personas, at the build's peak.
  let written = 0;
  const committed = await mapPool(files, COMMIT_CONCURRENCY, async (file) => {
    const staged = file.staged;
    if (staged === undefined) return undefined;
    try {
      await commitStaged(staged);
      written++;
      return undefined;
    } catch (e) {
      return { path: file.path, error: e };
    }
  });
  const commitFailure = committed.find((r) => r !== undefined);
  if (commitFailure) {
    await discardStaged(files.flatMap((f): StagedFile[] => (f.staged ? [f.staged] : [])));
    throw new WriteError(commitFailure.path, commitFailure.error);
  }
  let removed = 0;
  for (const file of files.filter((f) => f.action === "remove")) {
    try {
      const info = await lstat(file.absolute);
      if (!info.isFile()) continue;
      const contents = await readFile(file.absolute, "utf8");
      // Re-checked just before unlinking: a file that changed since the plan (an edit, another
      // build) is no longer the file the ownership rule judged safe to remove.
      if (contents !== file.before) continue;
      await unlink(file.absolute);
      removed++;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw new WriteError(file.path, e);
    }
  }
  return { written, removed };
}
