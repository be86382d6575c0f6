import { createTwoFilesPatch, FILE_HEADERS_ONLY } from "diff";
import type { Colors } from "../report/colors.js";
import { sanitize } from "../report/sanitize.js";
import type { FileAction } from "./plan.js";

/**
 * A unified diff of one planned change, git-style (`a/` and `b/` prefixes, `/dev/null` for an
 * added or removed file) so it reads like `git diff` in a CI log and applies with `git apply`.
 * `after` is undefined for a file the build would remove (or an edited one that is also stale).
 */
export function unifiedDiff(path: string, action: FileAction, before: string, after: string | undefined): string {
  const gone = action === "remove" || after === undefined;
  const oldName = action === "add" ? "/dev/null" : `a/${path}`;
  const newName = gone ? "/dev/null" : `b/${path}`;
  return createTwoFilesPatch(
    oldName,
    newName,
    action === "add" ? "" : before,
    gone ? "" : after,
    undefined,
    undefined,
    {
      headerOptions: FILE_HEADERS_ONLY,
    },
  );
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
