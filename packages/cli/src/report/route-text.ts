import type { RouteMatch, RouteReason } from "@personas/core";
import type { Colors } from "./colors.js";
import { sanitize } from "./sanitize.js";

const quoted = (text: string) => JSON.stringify(sanitize(text));

/** One reason with its points, as `persona route --explain` prints it. */
function describeReason(reason: RouteReason, colors: Colors): string {
  const points = colors.dim(`+${reason.points}`);
  switch (reason.kind) {
    case "mention":
      return `${points} mention ${quoted(reason.mention)} at ${reason.offset}`;
    case "keyword":
      return `${points} keyword ${quoted(reason.keyword)} matched ${quoted(reason.match)} at ${reason.offset}`;
    case "file": {
      const where = reason.offset === undefined ? "" : ` (in the request at ${reason.offset})`;
      return `${points} file ${sanitize(reason.path)}${where} matched ${sanitize(reason.glob)}`;
    }
    case "text":
      return `${points} word ${quoted(reason.word)} at ${reason.offset} in ${reason.fields.join(", ")}`;
  }
}

/**
 * The ranking as `persona route` prints it: one line per persona with its confidence, and with
 * `explain` its score and each reason with its points.
 */
export function formatRouteMatches(
  matches: readonly RouteMatch[],
  options: { colors: Colors; explain: boolean; minConfidence: number },
): string {
  const { colors, explain, minConfidence } = options;
  if (matches.length === 0) {
    const floor = minConfidence > 0 ? ` at confidence ${minConfidence} or more` : "";
    return `No persona matches this request${floor}.\n`;
  }
  const width = String(matches.length).length;
  const indent = " ".repeat(width + 2);
  const lines = matches.flatMap((m, i) => {
    const head = `${String(i + 1).padStart(width)}. ${colors.bold(m.id)}  ${sanitize(m.title)}  ${colors.cyan(`confidence ${m.confidence.toFixed(2)}`)}`;
    if (!explain) return [head];
    return [
      `${head}  ${colors.dim(`score ${m.score}`)}`,
      ...m.reasons.map((r) => `${indent}${describeReason(r, colors)}`),
    ];
  });
  return `${lines.join("\n")}\n`;
}
