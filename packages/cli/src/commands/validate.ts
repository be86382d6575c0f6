import { stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import {
  checkTargetOptions,
  type Diagnostic,
  findPersonaFiles,
  hasErrors,
  isComposed,
  type Persona,
  sortDiagnostics,
} from "@personas/core";
import { type ParsedArgs, parseCommandArgs } from "../cli/args.js";
import { validateSpec } from "../cli/specs.js";
import { UsageError } from "../errors.js";
import type { Io } from "../io.js";
import { CLI_MESSAGES } from "../messages.js";
import { ProjectComposition } from "../project/compose.js";
import { displayDiagnostic, PersonaLoader, requireFolder, rootRelative } from "../project/load.js";
import { resolveSettings, type Settings, type SettingsFlags } from "../project/settings.js";
import { countDiagnostics, plural } from "../report/diagnostics.js";
import { emitMachine } from "../report/emit.js";
import { readFormat } from "../report/format.js";
import { readMaxWarnings, warningsOverLimit } from "../report/max-warnings.js";
import { createReporter } from "../report/reporter.js";
import { refuseWithWatch, watchCommand } from "../watch/watch-command.js";

/** What `persona validate` found. */
export interface ValidateResult {
  /** Each file read; `personas` lists every id of a multi-persona file (`persona` is its first). */
  files: { path: string; persona?: string; personas?: string[] }[];
  diagnostics: Diagnostic[];
}

/** Persona files named on the command line: files as given, folders searched like the personas folder. */
async function collectFiles(settings: Settings, inputs: readonly string[]): Promise<{ path: string; root: string }[]> {
  const out = new Map<string, { path: string; root: string }>();
  if (inputs.length === 0) await requireFolder(settings, "personas", settings.personasDir);
  for (const input of inputs.length > 0 ? inputs : [settings.personasDir]) {
    const absolute = resolve(settings.cwd, input);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) throw new UsageError(`persona validate: no such file or folder ${input}`);
    if (info.isDirectory()) {
      for (const file of await findPersonaFiles(absolute)) out.set(file, { path: file, root: absolute });
    } else {
      out.set(absolute, { path: absolute, root: dirname(absolute) });
    }
  }
  return [...out.values()];
}

/**
 * Parses and lints persona files without compiling or writing: every file's diagnostics, each
 * persona's per-target overrides (checked as `build` checks them), and id collisions across all
 * of them. A file given twice is read once. Results are taken as they arrive and only their ids
 * kept, so thousands of files never hold thousands of models.
 */
export async function validatePersonas(settings: Settings, inputs: readonly string[]): Promise<ValidateResult> {
  const files = await collectFiles(settings, inputs);
  const diagnostics: Diagnostic[] = [];
  const entries: ValidateResult["files"] = new Array(files.length);
  // The build's loader: the parse cache, the worker pool for many or large files, the time budget.
  // Paths relative to the project root, as a build names them, so fragments resolve the same way.
  const loader = new PersonaLoader(settings, {
    entries: files,
    sourcePath: (absolute) => rootRelative(settings, absolute),
  });
  const composition = new ProjectComposition(settings, loader.index);
  const composed: Persona[] = [];
  for await (const { index, absolute, result, firsts } of loader.each()) {
    const path = settings.display(absolute);
    diagnostics.push(...result.diagnostics);
    for (const [i, persona] of result.personas.entries()) {
      if (firsts[i] && isComposed(persona)) {
        composition.remember(persona, result.diagnostics);
        composed.push(persona);
      } else {
        diagnostics.push(...checkTargetOptions(persona).diagnostics);
      }
    }
    const [first, ...more] = result.personas;
    // A multi-persona file names all its personas; `persona` stays the first, as for any file.
    entries[index] =
      first === undefined
        ? { path }
        : more.length === 0
          ? { path, persona: first.id }
          : { path, persona: first.id, personas: result.personas.map((p) => p.id) };
  }
  for (const persona of composed) {
    const made = composition.compose(persona);
    diagnostics.push(...made.diagnostics);
    if (made.persona) diagnostics.push(...checkTargetOptions(made.persona).diagnostics);
  }
  diagnostics.push(...loader.index.collisions());
  return { files: entries, diagnostics: sortDiagnostics(diagnostics.map((d) => displayDiagnostic(settings, d))) };
}

/** The command-line values of `persona validate` that override the config. */
function settingsFlags(args: ParsedArgs): SettingsFlags {
  return {
    command: "validate",
    personas: args.string("personas"),
    config: args.string("config"),
    maxFileBytes: args.string("max-file-bytes"),
  };
}

/**
 * `persona validate [FILE|DIR]…`: parse and lint only; with `--watch`, again after every change
 * (the editor-side check: diagnostics as `file:line:col`, which terminals and editors link).
 */
export async function run(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs(validateSpec, argv);
  if (!args.flag("watch")) return validateOnce(args, io);
  refuseWithWatch(args, "validate", ["json"]);
  return watchCommand({
    io,
    command: "validate",
    once: () => validateOnce(args, io),
    settings: () => resolveSettings(io, settingsFlags(args)),
    inputs: args.positionals.map((p) => resolve(io.cwd, p)),
  });
}

/** One validation, as `run` without `--watch`. */
async function validateOnce(args: ParsedArgs, io: Io): Promise<number> {
  const format = readFormat(args, "validate", ["human", "json", "sarif", "github"]);
  const maxWarnings = readMaxWarnings(args, "validate");
  const settings = await resolveSettings(io, settingsFlags(args));
  const report = createReporter(io);
  const result = await validatePersonas(settings, args.positionals);
  const over = warningsOverLimit(result.diagnostics, maxWarnings);
  const exitCode = hasErrors(result.diagnostics) || over !== undefined ? 1 : 0;
  if (format !== "human") {
    emitMachine(report, format, {
      diagnostics: result.diagnostics,
      exitCode,
      json: () => ({ ok: exitCode === 0, exitCode, files: result.files, diagnostics: result.diagnostics }),
    });
    if (format !== "github") return exitCode;
  } else {
    report.diagnostics(result.diagnostics);
  }
  const counted = countDiagnostics(result.diagnostics);
  const limit = over === undefined ? "" : `; ${CLI_MESSAGES.tooManyWarnings("validate", over, maxWarnings ?? 0)}`;
  const line = `${plural(result.files.length, "file")} checked${counted === "" ? ", no problems" : `: ${counted}`}${limit}`;
  report.stderr(`${exitCode === 0 ? report.err.green(line) : report.err.red(line)}\n`);
  return exitCode;
}
