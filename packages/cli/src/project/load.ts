import { stat } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { type Diagnostic, type Persona, sortDiagnostics } from "@personas/core";
import { ConfigError } from "../errors.js";
import { CLI_MESSAGES } from "../messages.js";
import { parseFolder } from "./parse-files.js";
import type { Settings } from "./settings.js";

/** Personas of a project with diagnostics whose paths are shown relative to the working folder. */
export interface ProjectPersonas {
  personas: Persona[];
  diagnostics: Diagnostic[];
  /** Every persona file found, as displayed paths. */
  files: string[];
}

/** A path relative to the project root with `/`, as generated files name their sources. */
export function rootRelative(settings: Settings, absolute: string): string {
  return relative(settings.root, absolute).split(sep).join("/");
}

/** Maps a diagnostic's file (absolute, or relative to the project root) to a displayed path. */
export function displayDiagnostic(settings: Settings, d: Diagnostic): Diagnostic {
  const absolute = isAbsolute(d.file) ? d.file : resolve(settings.root, d.file);
  return { ...d, file: settings.display(absolute) };
}

/** Fails with exit 2 and a hint when a folder the user named (or defaulted to) is missing. */
export async function requireFolder(settings: Settings, what: string, absolute: string): Promise<void> {
  const info = await stat(absolute).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new ConfigError(
      `persona: ${CLI_MESSAGES.missingFolder(what, settings.display(absolute)).replace(/^T/, "t")}`,
      [],
      what === "personas" ? "Create one with `persona init`, or pass --personas DIR." : undefined,
    );
  }
}

/**
 * Loads the personas folder. Each persona's `source.path` is relative to the project root, not to
 * the working folder, so generated markers are the same wherever `persona` is run from.
 */
export async function loadProjectPersonas(settings: Settings): Promise<ProjectPersonas> {
  await requireFolder(settings, "personas", settings.personasDir);
  const result = await parseFolder(settings.personasDir, {
    root: settings.root,
    sourcePath: (path) => rootRelative(settings, path),
    maxBytes: settings.maxFileBytes,
  });
  return {
    personas: result.personas,
    diagnostics: sortDiagnostics(result.diagnostics.map((d) => displayDiagnostic(settings, d))),
    files: result.files.map((f) => settings.display(f)),
  };
}

/** A persona's source file as the user should see it. */
export function sourceDisplay(settings: Settings, persona: Persona): string {
  return settings.display(resolve(settings.root, persona.source.path));
}
