import { type Diagnostic, hasErrors } from "@personas/core/outputs";
import { discardPlan, planBuild } from "../build/pipeline.js";
import {
  type BuildCounts,
  type BuildMode,
  buildJson,
  countActions,
  DRIFT_LABEL,
  driftDiagnostics,
  summaryLine,
} from "../build/report.js";
import { type ParsedArgs, parseCommandArgs } from "../cli/args.js";
import { buildSpec } from "../cli/specs.js";
import { UsageError } from "../errors.js";
import type { Io } from "../io.js";
import { CLI_MESSAGES } from "../messages.js";
import { resolveSettings, type SettingsFlags } from "../project/settings.js";
import { emitMachine } from "../report/emit.js";
import { readFormat } from "../report/format.js";
import { readMaxWarnings, warningsOverLimit } from "../report/max-warnings.js";
import { Progress } from "../report/progress.js";
import { createReporter } from "../report/reporter.js";
import { refuseWithWatch, watchCommand } from "../watch/watch-command.js";
import { commitPlan } from "../write/apply.js";
import { colorDiff } from "../write/diff.js";
import { removeStaleTemps } from "../write/stale-temps.js";

/** The command-line values of `persona build` that override the config. */
function settingsFlags(args: ParsedArgs): SettingsFlags {
  return {
    command: "build",
    personas: args.string("personas"),
    out: args.string("out"),
    config: args.string("config"),
    targets: args.list("target", { commas: true }),
    scope: args.string("scope"),
    maxFileBytes: args.string("max-file-bytes"),
  };
}

/**
 * `persona build`: plan everything, then write, diff (`--check`) or list (`--dry-run`); with
 * `--watch`, the same build again after every change to its inputs.
 */
export async function run(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs(buildSpec, argv);
  if (args.flag("check") && args.flag("dry-run"))
    throw new UsageError("persona build: --check and --dry-run cannot be combined", "--check already writes nothing.");
  if (!args.flag("watch")) return buildOnce(args, io);
  refuseWithWatch(args, "build", ["check", "dry-run", "json"]);
  return watchCommand({
    io,
    command: "build",
    once: () => buildOnce(args, io),
    settings: () => resolveSettings(io, settingsFlags(args)),
  });
}

/** One build, as `run` without `--watch`. */
async function buildOnce(args: ParsedArgs, io: Io): Promise<number> {
  const mode: BuildMode = args.flag("check") ? "check" : args.flag("dry-run") ? "dry-run" : "write";
  const format = readFormat(args, "build", ["human", "json", "sarif", "github"]);
  const maxWarnings = readMaxWarnings(args, "build");
  const settings = await resolveSettings(io, settingsFlags(args));
  const report = createReporter(io);
  // Temp files of a build that was killed mid-write are removed first (a running build's are
  // kept): this build stages its own while it plans.
  const cleaned = mode === "write" ? await removeStaleTemps(settings, settings.targets) : 0;
  const progress = Progress.start(io, format === "human");
  // Infos (what a tool's file left out) are shown with --verbose and in JSON and SARIF only.
  const infos = io.verbose || format === "json" || format === "sarif";
  const plan = await planBuild(settings, { force: args.flag("force"), mode, progress, infos }).finally(() =>
    progress?.stop(),
  );
  const counts = countActions(plan.files);
  const changed = plan.files.filter((f) => f.action !== "unchanged");

  /**
   * Ends the command: the summary line for people (and in a GitHub log), or the machine document
   * with the plan's diagnostics plus `extra` (drift found by --check).
   */
  const finish = (
    exitCode: number,
    line: string,
    options: { counts?: BuildCounts; extra?: Diagnostic[]; diffs?: Map<string, string> } = {},
  ): number => {
    if (format !== "human") {
      emitMachine(report, format, {
        diagnostics: [...plan.diagnostics, ...(options.extra ?? [])],
        exitCode,
        json: () => buildJson(plan, mode, options.counts ?? counts, exitCode, options.diffs),
      });
    }
    if (format === "human" || format === "github") {
      report.stderr(`${exitCode === 0 ? report.err.green(line) : report.err.red(line)}\n`);
    }
    return exitCode;
  };

  if (format === "human") report.diagnostics(plan.diagnostics);
  if (hasErrors(plan.diagnostics)) return finish(1, summaryLine(plan, mode, counts));
  const over = warningsOverLimit(plan.diagnostics, maxWarnings);
  if (over !== undefined) {
    await discardPlan(plan);
    return finish(1, `${CLI_MESSAGES.tooManyWarnings("build", over, maxWarnings ?? 0)}; nothing written`);
  }

  if (mode === "check") {
    const exitCode = changed.length > 0 ? 1 : 0;
    const diffs = new Map(changed.map((f) => [f.path, f.diff ?? ""]));
    if (format === "human") {
      for (const diff of diffs.values()) report.stdout(colorDiff(diff, report.out));
      for (const f of changed)
        report.stderr(`  ${DRIFT_LABEL[f.action as keyof typeof DRIFT_LABEL].padEnd(8)} ${f.path}\n`);
    }
    return finish(exitCode, summaryLine(plan, mode, counts), { extra: driftDiagnostics(changed), diffs });
  }

  if (mode === "dry-run") {
    if (format === "human") for (const f of changed) report.stdout(`${f.action.padEnd(7)} ${f.path}\n`);
    return finish(0, summaryLine(plan, mode, counts));
  }

  const applied = await commitPlan(plan.files);
  const done = { ...counts, written: applied.written, removed: applied.removed };
  if (io.verbose && format === "human") {
    for (const f of changed) report.stderr(`  ${f.action.padEnd(7)} ${f.path}\n`);
    if (cleaned > 0) report.stderr(`  removed ${cleaned} leftover temp file${cleaned === 1 ? "" : "s"}\n`);
    const current = plan.personas.length - plan.compiled.length;
    report.stderr(
      `  ${plan.compiled.length} compiled, ${current} current (their outputs carried the right build key)\n`,
    );
  }
  return finish(0, summaryLine(plan, mode, done), { counts: done });
}
