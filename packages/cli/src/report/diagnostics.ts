import type { Diagnostic } from "@personas/core/outputs";
import type { Colors } from "./colors.js";
import { sanitize } from "./sanitize.js";

/** How diagnostics are printed: colour functions, and whether to add code frames (TTY only). */
export interface DiagnosticStyle {
  colors: Colors;
  frames: boolean;
  /** The text of a file named in a diagnostic, for its code frame; undefined when unreadable. */
  readSource(file: string): string | undefined;
}

/**
 * One diagnostic as `file:line:col: severity rule: message` (DESIGN.md §4), the same text as core's
 * `formatDiagnostic`, with the fields coloured when enabled and unsafe characters escaped.
 */
export function formatDiagnosticLine(d: Diagnostic, colors: Colors): string {
  const severity =
    d.severity === "error"
      ? colors.red("error")
      : d.severity === "warning"
        ? colors.yellow("warning")
        : colors.dim("info");
  const where = colors.bold(`${sanitize(d.file)}:${d.line}:${d.column}`);
  return `${where}: ${severity} ${colors.dim(sanitize(d.rule))}: ${sanitize(d.message)}`;
}

/** The line a diagnostic points at with a caret under its column, like tsc and rustc. */
export function codeFrame(d: Diagnostic, source: string, colors: Colors): string | undefined {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const text = lines[d.line - 1];
  if (text === undefined || (text.trim() === "" && d.line === 1)) return undefined;
  // The caret column is measured on the escaped text, so it stays under the right character.
  const before = sanitize(text.slice(0, Math.max(0, d.column - 1))).replace(/\t/g, " ");
  const shown = sanitize(text).replace(/\t/g, " ");
  const gutter = String(d.line);
  const pad = " ".repeat(gutter.length);
  const caret = d.severity === "error" ? colors.red("^") : d.severity === "warning" ? colors.yellow("^") : "^";
  const clipped = shown.length > 200 ? `${shown.slice(0, 200)}…` : shown;
  return [
    `  ${colors.dim(`${gutter} |`)} ${clipped}`,
    `  ${colors.dim(`${pad} |`)} ${" ".repeat(Math.min(before.length, 200))}${caret}`,
  ].join("\n");
}

/**
 * Every diagnostic as its line, followed by its code frame when frames are on: one text at a
 * time, to print without holding them all (at 10,000 personas the warnings are megabytes).
 */
export function* diagnosticTexts(diagnostics: readonly Diagnostic[], style: DiagnosticStyle): Generator<string> {
  for (const d of diagnostics) {
    const line = `${formatDiagnosticLine(d, style.colors)}\n`;
    const source = style.frames ? style.readSource(d.file) : undefined;
    const frame = source === undefined ? undefined : codeFrame(d, source, style.colors);
    yield frame === undefined ? line : `${line}${frame}\n\n`;
  }
}

/** "2 errors and 1 warning in 3 files", or "" when there are none (infos are not problems). */
export function countDiagnostics(all: readonly Diagnostic[]): string {
  const diagnostics = all.filter((d) => d.severity !== "info");
  if (diagnostics.length === 0) return "";
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const files = new Set(diagnostics.map((d) => d.file)).size;
  const parts = [];
  if (errors > 0) parts.push(plural(errors, "error"));
  if (warnings > 0) parts.push(plural(warnings, "warning"));
  return `${parts.join(" and ")} in ${plural(files, "file")}`;
}

/** "1 file", "3 files". */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
