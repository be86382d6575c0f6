import { resolve } from "node:path";
import { hasErrors, route } from "@personas/core";
import type { ParsedArgs } from "../cli/args.js";
import { parseCommandArgs } from "../cli/args.js";
import { formatCommandHelp } from "../cli/help.js";
import { routeSpec } from "../cli/specs.js";
import { UsageError } from "../errors.js";
import type { Io } from "../io.js";
import { loadProjectPersonas, rootRelative } from "../project/load.js";
import { resolveSettings } from "../project/settings.js";
import { readFormat } from "../report/format.js";
import { createReporter } from "../report/reporter.js";
import { formatRouteMatches } from "../report/route-text.js";

/** `--min-confidence C`: a number from 0 to 1 (default 0, every persona that scores). */
function readMinConfidence(args: ParsedArgs): number {
  const value = args.string("min-confidence");
  if (value === undefined) return 0;
  const n = Number(value);
  if (!/^(?:\d+(?:\.\d*)?|\.\d+)$/.test(value) || !(n >= 0 && n <= 1)) {
    throw new UsageError(
      `persona route: --min-confidence needs a number from 0 to 1, not ${JSON.stringify(value)}`,
      "0.7 keeps real matches and drops noise (docs/routing.md).",
    );
  }
  return n;
}

/**
 * `persona route "<request>" [--file PATH]… [--min-confidence C] [--explain] [--json]`: ranks the
 * personas the request activates with core's `route()`, the same ranking the MCP tool
 * `route_persona` returns. Problems in persona files go to stderr and make the exit code 1; routing
 * still uses every valid persona.
 */
export async function run(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs(routeSpec, argv);
  if (args.flag("help")) {
    io.stdout.write(formatCommandHelp(routeSpec));
    return 0;
  }
  const format = readFormat(args, "route", ["human", "json"]);
  const minConfidence = readMinConfidence(args);
  const settings = await resolveSettings(io, {
    personas: args.string("personas"),
    config: args.string("config"),
    command: "route",
  });
  const loaded = await loadProjectPersonas(settings);
  // Globs in personas are written relative to the project root; paths on the command line are
  // typed relative to where the user stands.
  const files = args.list("file").map((f) => rootRelative(settings, resolve(settings.cwd, f)));
  const result = route(loaded.personas, { request: args.positionals[0] ?? "", files, minConfidence });
  const report = createReporter(io);
  report.diagnostics(loaded.diagnostics);
  if (format === "json") report.json({ ...result, diagnostics: loaded.diagnostics });
  else
    report.stdout(
      formatRouteMatches(result.matches, { colors: report.out, explain: args.flag("explain"), minConfidence }),
    );
  return hasErrors(loaded.diagnostics) ? 1 : 0;
}
