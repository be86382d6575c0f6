/**
 * A problem found in a persona, a config file or a template. Problems are collected, never thrown
 * (STYLE.md "collect, don't throw"); positions are 1-based, columns count UTF-16 code units like
 * the `yaml` and micromark parsers and most editors do. Plain types here, the zod schema in
 * diagnostic-schema.ts: every module reports diagnostics, and most of them need no zod.
 */
/**
 * `error` stops a build; `warning` is something the user should fix; `info` says what persona did
 * on the user's behalf (a value with no equivalent in a tool, left out of its file).
 */
export type Severity = "error" | "warning" | "info";

export interface Diagnostic {
  severity: Severity;
  rule: string;
  message: string;
  file: string;
  line: number;
  column: number;
}

/** A position inside a file, 1-based. */
export interface Position {
  line: number;
  column: number;
}

/** Builds a diagnostic; the single place diagnostics are constructed. */
export function diagnostic(severity: Severity, rule: string, message: string, file: string, at: Position): Diagnostic {
  return { severity, rule, message, file, line: at.line, column: at.column };
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** Sorts diagnostics by file, line, column, then rule, in code-unit order (locale-independent). */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      compareStrings(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      compareStrings(a.rule, b.rule) ||
      compareStrings(a.message, b.message),
  );
}

/** Code-unit string order: the same on every OS and locale, unlike `localeCompare`. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Formats a diagnostic as `file:line:col: severity rule: message` (DESIGN.md §4). */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.rule}: ${d.message}`;
}

/**
 * Keeps the first of identical diagnostics: a broken template fails the same way for every persona.
 * `seen` carries what was already kept across calls (a compiler that takes personas one at a time).
 */
export function dedupeDiagnostics(diagnostics: readonly Diagnostic[], seen = new Set<string>()): Diagnostic[] {
  return diagnostics.filter((d) => firstOf(d, seen));
}

/** True the first time a diagnostic (by place, rule and message) is given with this `seen`. */
export function firstOf(d: Diagnostic, seen: Set<string>): boolean {
  const key = `${d.file}\0${d.line}\0${d.column}\0${d.rule}\0${d.message}`;
  if (seen.has(key)) return false;
  seen.add(key);
  return true;
}
