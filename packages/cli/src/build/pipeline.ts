import { resolve } from "node:path";
import { compile, type Diagnostic, hasErrors, type Persona, sortDiagnostics, targets } from "@personas/core";
import { CLI_MESSAGES, CLI_RULES, cliDiagnostic } from "../messages.js";
import { displayDiagnostic, loadProjectPersonas } from "../project/load.js";
import type { Settings } from "../project/settings.js";
import { inspectDestination } from "../write/inspect.js";
import { destinationOf, type PlannedFile, planWrites } from "../write/plan.js";
import { findStaleFiles, matchesOutput } from "../write/prune.js";

/** Everything a build would do, computed before anything is written. */
export interface BuildPlan {
  /** Valid personas compiled. */
  personas: Persona[];
  /** Every file the build touches or checked, sorted by path; empty when there are errors. */
  files: PlannedFile[];
  diagnostics: Diagnostic[];
}

/**
 * Current contents of the files a target merges into rather than owns, such as Copilot's
 * `.github/copilot-instructions.md`: registry outputs without `<id>`. Read without following links.
 */
async function readExisting(settings: Settings): Promise<Map<string, string>> {
  const existing = new Map<string, string>();
  for (const id of settings.targets) {
    const root = settings.targetRoots.get(id) ?? settings.outDir;
    for (const pattern of targets[id].outputs) {
      if (pattern.includes("<id>")) continue;
      const dest = await inspectDestination(settings.outDir, resolve(root, pattern));
      if (dest.kind === "file") existing.set(pattern, dest.contents);
    }
  }
  return existing;
}

/**
 * Shows a compile diagnostic's file: an output path is relative to its target's root (the file
 * may have been dropped for unsafe content, so match the registry patterns, not the result); any
 * other path is a source relative to the project root.
 */
function displayCompileDiagnostic(settings: Settings, d: Diagnostic): Diagnostic {
  for (const id of settings.targets) {
    if (targets[id].outputs.some((pattern) => matchesOutput(d.file, pattern))) {
      const root = settings.targetRoots.get(id) ?? settings.outDir;
      return { ...d, file: settings.display(resolve(root, d.file)) };
    }
  }
  return displayDiagnostic(settings, d);
}

/**
 * Plans a build: load and validate every persona, compile the selected targets, compare each
 * output with the disk, find stale generated files. Reads only; the caller decides whether to
 * write (build), diff (--check) or list (--dry-run). When any error is found, `files` is empty
 * so nothing can be written by mistake.
 */
export async function planBuild(settings: Settings, options: { force: boolean }): Promise<BuildPlan> {
  const loaded = await loadProjectPersonas(settings);
  const diagnostics = [...loaded.diagnostics];
  if (loaded.files.length === 0) {
    const dir = settings.display(settings.personasDir);
    diagnostics.push(cliDiagnostic("warning", CLI_RULES.inputEmpty, CLI_MESSAGES.noPersonas(dir), dir));
  }
  const existing = await readExisting(settings);
  const compiled = compile(loaded.personas, {
    targets: settings.targets,
    existing,
    ...(settings.templatesDir === undefined ? {} : { templatesDir: settings.templatesDir }),
  });
  diagnostics.push(...compiled.diagnostics.map((d) => displayCompileDiagnostic(settings, d)));
  // A persona with errors has no output, so planning now would mark its files stale: stop here.
  if (hasErrors(diagnostics))
    return { personas: loaded.personas, files: [], diagnostics: sortDiagnostics(diagnostics) };

  const sources = new Map(loaded.personas.map((p) => [p.id, settings.display(resolve(settings.root, p.source.path))]));
  const plan = await planWrites(settings, compiled.files, {
    force: options.force,
    sourceOf: (id) => (id === undefined ? "several personas" : (sources.get(id) ?? id)),
  });
  const keep = new Set(compiled.files.map((f) => destinationOf(settings, f)));
  const stale = await findStaleFiles(settings, settings.targets, keep, { force: options.force });
  diagnostics.push(...plan.diagnostics, ...stale.diagnostics);
  const files = [...plan.files, ...stale.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (hasErrors(diagnostics))
    return { personas: loaded.personas, files: [], diagnostics: sortDiagnostics(diagnostics) };
  return { personas: loaded.personas, files, diagnostics: sortDiagnostics(diagnostics) };
}
