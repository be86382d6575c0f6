import type { Diagnostic } from "@personas/core";
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
}

/** How many files a plan adds or updates, leaves alone and removes. */
export function countActions(files: readonly PlannedFile[]): BuildCounts {
  const count = (...actions: FileAction[]) => files.filter((f) => actions.includes(f.action)).length;
  return { written: count("add", "update"), unchanged: count("unchanged"), removed: count("remove") };
}

/** How `--check` names a difference: a file that would be added is missing, one removed is stale. */
export const DRIFT_LABEL: Record<Exclude<FileAction, "unchanged">, string> = {
  add: "missing",
  update: "changed",
  remove: "stale",
};

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
  const w = warnings(plan.diagnostics);
  if (mode === "write")
    return `${personas}, ${plural(counts.written, "file")} written, ${counts.unchanged} unchanged${removed}${w}`;
  if (mode === "dry-run") {
    return `${personas}, ${plural(counts.written, "file")} would be written, ${counts.unchanged} unchanged${counts.removed > 0 ? `, ${counts.removed} would be removed` : ""}${w} (dry run: nothing written)`;
  }
  const drift = counts.written + counts.removed;
  if (drift === 0) return `${personas}, ${plural(counts.unchanged, "file")} up to date${w}`;
  return `${personas}: ${plural(drift, "file")} out of date${w}; run \`persona build\` to update them`;
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
    personas: plan.personas.map((p) => p.id),
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
