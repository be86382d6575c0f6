import type { Diagnostic } from "@personas/core/outputs";
import { CLI_MESSAGES, CLI_RULES, cliDiagnostic } from "../messages.js";
import { countDiagnostics, plural } from "../report/diagnostics.js";
import type { FileAction, PlannedFile } from "../write/plan.js";
import type { BuildPlan } from "./pipeline.js";

/** The mode a build ran in. */
export type BuildMode = "write" | "check" | "dry-run";

/** Counts of a plan's actions. */
export interface BuildCounts {
  written: number;
  unchanged: number;
  removed: number;
  /** Generated files edited by hand, left as they are. */
  edited: number;
}

/** How many files a plan adds or updates, leaves alone, removes, and keeps because they were edited. */
export function countActions(files: readonly PlannedFile[]): BuildCounts {
  const count = (...actions: FileAction[]) => files.filter((f) => actions.includes(f.action)).length;
  return {
    written: count("add", "update"),
    unchanged: count("unchanged"),
    removed: count("remove"),
    edited: count("edited"),
  };
}

/** How `--check` names a difference: a file that would be added is missing, one removed is stale. */
export const DRIFT_LABEL: Record<Exclude<FileAction, "unchanged">, string> = {
  add: "missing",
  update: "changed",
  remove: "stale",
  edited: "edited",
};

/**
 * Every difference `--check` found, as a diagnostic (`output/drift`) at the file, for the machine
 * formats (SARIF, GitHub annotations), where a diff has no place.
 */
export function driftDiagnostics(files: readonly PlannedFile[]): Diagnostic[] {
  return files.flatMap((f) =>
    f.action === "unchanged"
      ? []
      : [cliDiagnostic("error", CLI_RULES.outputDrift, CLI_MESSAGES.drift[f.action], f.path)],
  );
}

function warnings(diagnostics: readonly Diagnostic[]): string {
  const n = diagnostics.filter((d) => d.severity === "warning").length;
  return n === 0 ? "" : `, ${plural(n, "warning")}`;
}

/**
 * The one-line summary of a build: "12 personas, 24 files written, 0 unchanged", or what a check
 * or dry run found, or why nothing was written.
 */
export function summaryLine(plan: BuildPlan, mode: BuildMode, counts: BuildCounts): string {
  const personas = plural(plan.personas.length, "persona");
  if (plan.diagnostics.some((d) => d.severity === "error")) {
    return `${personas}: ${countDiagnostics(plan.diagnostics)}; nothing written`;
  }
  const removed = counts.removed > 0 ? `, ${counts.removed} removed` : "";
  const edited = counts.edited > 0 ? `, ${counts.edited} kept (edited by hand)` : "";
  const w = warnings(plan.diagnostics);
  if (mode === "write")
    return `${personas}, ${plural(counts.written, "file")} written, ${counts.unchanged} unchanged${removed}${edited}${w}`;
  if (mode === "dry-run") {
    const wouldRemove = counts.removed > 0 ? `, ${counts.removed} would be removed` : "";
    return `${personas}, ${plural(counts.written, "file")} would be written, ${counts.unchanged} unchanged${wouldRemove}${edited}${w} (dry run: nothing written)`;
  }
  const drift = counts.written + counts.removed + counts.edited;
  if (drift === 0) return `${personas}, ${plural(counts.unchanged, "file")} up to date${w}`;
  const force = counts.edited > 0 ? " (with --force for files edited by hand)" : "";
  return `${personas}: ${plural(drift, "file")} out of date${w}; run \`persona build\`${force} to update them`;
}

/** The `--json` shape of `persona build` (documented in docs/cli.md; keys are stable). */
export function buildJson(
  plan: BuildPlan,
  mode: BuildMode,
  counts: BuildCounts,
  exitCode: number,
  diffs?: Map<string, string>,
) {
  return {
    ok: exitCode === 0,
    exitCode,
    mode,
    personas: plan.personas,
    compiled: plan.compiled,
    files: plan.files.map((f) => ({
      path: f.path,
      target: f.target,
      ...(f.personaId === undefined ? {} : { persona: f.personaId }),
      action: f.action,
      ...(diffs?.has(f.path) ? { diff: diffs.get(f.path) } : {}),
    })),
    summary: counts,
    diagnostics: plan.diagnostics,
  };
}
