import { createTwoFilesPatch, FILE_HEADERS_ONLY } from "diff";
import type { Colors } from "../report/colors.js";
import { sanitize } from "../report/sanitize.js";
import type { PlannedFile } from "./plan.js";

/**
 * A unified diff of one planned change, git-style (`a/` and `b/` prefixes, `/dev/null` for an
 * added or removed file) so it reads like `git diff` in a CI log and applies with `git apply`.
 */
export function unifiedDiff(file: PlannedFile): string {
  // An edited file that is also stale has no new contents: it would be removed.
  const gone = file.action === "remove" || file.after === undefined;
  const before = file.action === "add" ? "" : (file.before ?? "");
  const after = gone ? "" : (file.after ?? "");
  const oldName = file.action === "add" ? "/dev/null" : `a/${file.path}`;
  const newName = gone ? "/dev/null" : `b/${file.path}`;
  return createTwoFilesPatch(oldName, newName, before, after, undefined, undefined, {
    headerOptions: FILE_HEADERS_ONLY,
  });
}

/** Colours a unified diff line by line (and escapes control characters, as all output does). */
export function colorDiff(diff: string, colors: Colors): string {
  return diff
    .split("\n")
    .map((line) => {
      const safe = sanitize(line);
      if (line.startsWith("+++") || line.startsWith("---")) return colors.bold(safe);
      if (line.startsWith("@@")) return colors.cyan(safe);
      if (line.startsWith("+")) return colors.green(safe);
      if (line.startsWith("-")) return colors.red(safe);
      return safe;
    })
    .join("\n");
}
