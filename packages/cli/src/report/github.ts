import type { Diagnostic } from "@personas/core/outputs";
import { countDiagnostics } from "./diagnostics.js";
import { sanitize } from "./sanitize.js";

/**
 * GitHub shows at most 10 error and 10 warning annotations per step and drops the rest silently
 * (https://docs.github.com/actions/reference/workflow-commands-for-github-actions), so persona
 * annotates that many of each and says how many it left out.
 */
export const GITHUB_ANNOTATION_LIMIT = 10;

/**
 * Escapes a workflow command's message the way `@actions/core` does (`escapeData`): `%`, CR and LF
 * become `%25`, `%0D`, `%0A`, so a message can never end the command and start another one.
 */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Escapes a workflow command property (`escapeProperty`): `escapeData` plus `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/**
 * One `::error file=…,line=…,col=…,title=…::message` workflow command. The file keeps its real
 * characters (escaped) so GitHub can attach the annotation to it; the message is also made
 * printable, like every line persona prints.
 */
export function annotation(d: Diagnostic): string {
  const props = [
    `file=${escapeProperty(d.file)}`,
    `line=${d.line}`,
    `col=${d.column}`,
    `title=${escapeProperty(sanitize(d.rule))}`,
  ];
  // GitHub's workflow commands are `error`, `warning` and `notice`.
  const command = d.severity === "info" ? "notice" : d.severity;
  return `::${command} ${props.join(",")}::${escapeData(sanitize(d.message))}`;
}

/**
 * Diagnostics as GitHub Actions workflow commands: the first 10 errors and 10 warnings as
 * annotations, then every other diagnostic as a plain log line and one line saying how many were
 * not annotated. Plain lines start with `- ` so that no file name can make one parse as a command
 * (the runner reads a command at the start of a line, after leading blanks).
 */
export function githubAnnotations(all: readonly Diagnostic[]): string {
  // Infos say what persona left out of a tool's file; as annotations they would be noise on
  // every pull request.
  const diagnostics = all.filter((d) => d.severity !== "info");
  const shown = { error: 0, warning: 0, info: 0 };
  const lines: string[] = [];
  const rest: Diagnostic[] = [];
  for (const d of diagnostics) {
    if (shown[d.severity] < GITHUB_ANNOTATION_LIMIT) {
      shown[d.severity]++;
      lines.push(annotation(d));
    } else {
      rest.push(d);
    }
  }
  for (const d of rest) {
    lines.push(
      `- ${sanitize(d.file)}:${d.line}:${d.column}: ${d.severity} ${sanitize(d.rule)}: ${sanitize(d.message)}`,
    );
  }
  if (rest.length > 0) {
    lines.push(
      `persona: ${countDiagnostics(rest)} not annotated (GitHub shows at most ${GITHUB_ANNOTATION_LIMIT} errors and ${GITHUB_ANNOTATION_LIMIT} warnings per step); they are listed above`,
    );
  }
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}
