import { hasErrors } from "@personas/core";
import { planBuild } from "../build/pipeline.js";
import { type BuildMode, buildJson, countActions, DRIFT_LABEL, summaryLine } from "../build/report.js";
import { parseCommandArgs } from "../cli/args.js";
import { buildSpec } from "../cli/specs.js";
import { UsageError } from "../errors.js";
import type { Io } from "../io.js";
import { resolveSettings } from "../project/settings.js";
import { createReporter } from "../report/reporter.js";
import { applyPlan } from "../write/apply.js";
import { colorDiff, unifiedDiff } from "../write/diff.js";

/** `persona build`: plan everything, then write, diff (`--check`) or list (`--dry-run`). */
export async function run(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs(buildSpec, argv);
  if (args.flag("check") && args.flag("dry-run"))
    throw new UsageError("persona build: --check and --dry-run cannot be combined", "--check already writes nothing.");
  const mode: BuildMode = args.flag("check") ? "check" : args.flag("dry-run") ? "dry-run" : "write";
  const json = args.flag("json");
  const settings = resolveSettings(io, {
    command: "build",
    personas: args.string("personas"),
    out: args.string("out"),
    config: args.string("config"),
    targets: args.list("target", { commas: true }),
  });
  const report = createReporter(io);
  const plan = await planBuild(settings, { force: args.flag("force") });
  const counts = countActions(plan.files);
  const changed = plan.files.filter((f) => f.action !== "unchanged");

  if (!json) report.diagnostics(plan.diagnostics);
  if (hasErrors(plan.diagnostics)) {
    if (json) report.json(buildJson(plan, mode, counts, 1));
    else report.stderr(`${report.err.red(summaryLine(plan, mode, counts))}\n`);
    return 1;
  }

  if (mode === "check") {
    const diffs = new Map(changed.map((f) => [f.path, unifiedDiff(f)]));
    const exitCode = changed.length > 0 ? 1 : 0;
    if (json) {
      report.json(buildJson(plan, mode, counts, exitCode, diffs));
      return exitCode;
    }
    for (const diff of diffs.values()) report.stdout(colorDiff(diff, report.out));
    for (const f of changed)
      report.stderr(`  ${DRIFT_LABEL[f.action as keyof typeof DRIFT_LABEL].padEnd(8)} ${f.path}\n`);
    const line = summaryLine(plan, mode, counts);
    report.stderr(`${exitCode === 0 ? report.err.green(line) : report.err.red(line)}\n`);
    return exitCode;
  }

  if (mode === "dry-run") {
    if (json) {
      report.json(buildJson(plan, mode, counts, 0));
      return 0;
    }
    for (const f of changed) report.stdout(`${f.action.padEnd(7)} ${f.path}\n`);
    report.stderr(`${summaryLine(plan, mode, counts)}\n`);
    return 0;
  }

  const applied = await applyPlan(plan.files);
  const done = { written: applied.written, unchanged: counts.unchanged, removed: applied.removed };
  if (json) {
    report.json(buildJson(plan, mode, done, 0));
    return 0;
  }
  if (io.verbose) for (const f of changed) report.stderr(`  ${f.action.padEnd(7)} ${f.path}\n`);
  report.stderr(`${summaryLine(plan, mode, done)}\n`);
  return 0;
}
