import { resolve } from "node:path";
import { type Diagnostic, findHiddenValues, hasErrors, type Persona, RULES, serveMcpPrompts } from "@personas/core";
import { parseCommandArgs } from "../cli/args.js";
import { formatCommandHelp } from "../cli/help.js";
import { mcpSpec } from "../cli/specs.js";
import type { Io } from "../io.js";
import type { PromptSource } from "../mcp/prompt-store.js";
import { serveMcp } from "../mcp/serve.js";
import { displayDiagnostic, loadProjectPersonas, requireFolder, rootRelative } from "../project/load.js";
import { resolveSettings, type Settings } from "../project/settings.js";
import { colorsFor } from "../report/colors.js";
import { formatDiagnosticLine } from "../report/diagnostics.js";
import { VERSION } from "../version.js";

/** Findings that mean a file was tampered with rather than mistyped: its last version is not served. */
function isTampering(d: Diagnostic): boolean {
  if (d.severity !== "error") return false;
  return d.rule.startsWith("security/") || d.rule === RULES.fileUnreadable || d.rule === RULES.fileNotUtf8;
}

/** Loads personas the way `build` does and builds the prompts with the `mcp` target's code path. */
function projectSource(settings: Settings): PromptSource {
  // `files` and diagnostics name displayed paths (relative to the working folder); the store
  // matches them with `source.path`, which is relative to the project root.
  const fromDisplay = (file: string) => rootRelative(settings, resolve(settings.cwd, file));
  return {
    async load() {
      const loaded = await loadProjectPersonas(settings);
      // What `compile` refuses for `build` (characters only YAML escapes reveal) is not served either.
      const personas: Persona[] = [];
      const diagnostics = [...loaded.diagnostics];
      for (const persona of loaded.personas) {
        const hidden = findHiddenValues(persona).map((d) => displayDiagnostic(settings, d));
        diagnostics.push(...hidden);
        if (!hasErrors(hidden)) personas.push(persona);
      }
      const files = loaded.files.map(fromDisplay);
      const withdrawn = [...new Set(diagnostics.filter(isTampering).map((d) => fromDisplay(d.file)))];
      return { personas, diagnostics, files, withdrawn };
    },
    build(personas) {
      return serveMcpPrompts(
        personas,
        settings.templatesDir === undefined ? {} : { templatesDir: settings.templatesDir },
      );
    },
  };
}

/**
 * `persona mcp [--personas DIR] [--config FILE] [--watch]`: serves the personas over MCP stdio until
 * the client closes stdin or a signal arrives. A missing folder or a bad config fails before the
 * server starts (exit 2); invalid personas are logged to stderr and left out.
 */
export async function run(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs(mcpSpec, argv);
  if (args.flag("help")) {
    io.stdout.write(formatCommandHelp(mcpSpec));
    return 0;
  }
  const settings = await resolveSettings(io, {
    personas: args.string("personas"),
    config: args.string("config"),
    command: "mcp",
  });
  await requireFolder(settings, "personas", settings.personasDir);
  const colors = colorsFor(io.stderr, io.env);
  return serveMcp({
    source: projectSource(settings),
    personasDir: settings.personasDir,
    displayDir: settings.display(settings.personasDir),
    watch: args.flag("watch"),
    version: VERSION,
    stdin: io.stdin,
    stdout: io.stdout,
    stderr: io.stderr,
    verbose: io.verbose,
    formatDiagnostic: (d) => formatDiagnosticLine(d, colors),
  });
}
