import { hasErrors, type Persona } from "@personas/core";
import { parseCommandArgs } from "../cli/args.js";
import { listSpec } from "../cli/specs.js";
import type { Io } from "../io.js";
import { loadProjectPersonas, sourceDisplay } from "../project/load.js";
import { resolveSettings } from "../project/settings.js";
import { createReporter } from "../report/reporter.js";
import { sanitize } from "../report/sanitize.js";

/** A persona as `persona list --json` shows it. */
export function listEntry(persona: Persona, source: string) {
  return {
    id: persona.id,
    title: persona.title,
    description: persona.description,
    source,
    triggers: persona.triggers,
  };
}

/** `persona list`: one line per persona with its keywords and file patterns. */
export async function run(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs(listSpec, argv);
  const settings = await resolveSettings(io, {
    command: "list",
    personas: args.string("personas"),
    config: args.string("config"),
  });
  const report = createReporter(io);
  const loaded = await loadProjectPersonas(settings);
  const exitCode = hasErrors(loaded.diagnostics) ? 1 : 0;
  if (args.flag("json")) {
    report.json({
      ok: exitCode === 0,
      exitCode,
      personas: loaded.personas.map((p) => listEntry(p, sourceDisplay(settings, p))),
      diagnostics: loaded.diagnostics,
    });
    return exitCode;
  }
  report.diagnostics(loaded.diagnostics);
  const width = Math.max(0, ...loaded.personas.map((p) => p.id.length));
  for (const p of loaded.personas) {
    const parts = [];
    if (p.triggers.keywords.length > 0) parts.push(`keywords: ${p.triggers.keywords.join(", ")}`);
    if (p.triggers.files.length > 0) parts.push(`files: ${p.triggers.files.join(", ")}`);
    const triggers = parts.length > 0 ? parts.join("  ") : report.out.dim("(no triggers)");
    report.stdout(`${report.out.bold(p.id.padEnd(width))}  ${sanitize(triggers)}\n`);
  }
  if (loaded.personas.length === 0) report.stderr(`No personas in ${settings.display(settings.personasDir)}\n`);
  return exitCode;
}
