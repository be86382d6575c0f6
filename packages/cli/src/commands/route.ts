import { resolve } from "node:path";
import { hasErrors, type RouteMatch, type RouteReason, route } from "@personas/core";
import { parseCommandArgs } from "../cli/args.js";
import { formatCommandHelp } from "../cli/help.js";
import { routeSpec } from "../cli/specs.js";
import type { Io } from "../io.js";
import { loadProjectPersonas, rootRelative } from "../project/load.js";
import { resolveSettings } from "../project/settings.js";
import type { Colors } from "../report/colors.js";
import { readFormat } from "../report/format.js";
import { createReporter } from "../report/reporter.js";
import { sanitize } from "../report/sanitize.js";

function describeReason(reason: RouteReason, colors: Colors): string {
  const points = colors.dim(`+${reason.points}`);
  if (reason.kind === "keyword") {
    return `${points} keyword ${JSON.stringify(sanitize(reason.keyword))} matched ${JSON.stringify(sanitize(reason.match))} at ${reason.offset}`;
  }
  return `${points} file ${sanitize(reason.path)} matched ${sanitize(reason.glob)}`;
}

function formatMatches(matches: readonly RouteMatch[], colors: Colors): string {
  if (matches.length === 0) return "No persona matches this request.\n";
  const width = String(matches.length).length;
  const lines = matches.flatMap((m, i) => [
    `${String(i + 1).padStart(width)}. ${colors.bold(m.id)}  ${sanitize(m.title)}  ${colors.cyan(`score ${m.score}`)}`,
    ...m.reasons.map((r) => `${" ".repeat(width + 2)}${describeReason(r, colors)}`),
  ]);
  return `${lines.join("\n")}\n`;
}

/**
 * `persona route "<request>" [--file PATH]… [--json]`: ranks the personas the request activates with
 * core's `route()`, the same ranking the MCP tool `route_persona` returns. Problems in persona files
 * go to stderr and make the exit code 1; routing still uses every valid persona.
 */
export async function run(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs(routeSpec, argv);
  if (args.flag("help")) {
    io.stdout.write(formatCommandHelp(routeSpec));
    return 0;
  }
  const format = readFormat(args, "route", ["human", "json"]);
  const settings = resolveSettings(io, {
    personas: args.string("personas"),
    config: args.string("config"),
    command: "route",
  });
  const loaded = await loadProjectPersonas(settings);
  // Globs in personas are written relative to the project root; paths on the command line are
  // typed relative to where the user stands.
  const files = args.list("file").map((f) => rootRelative(settings, resolve(settings.cwd, f)));
  const result = route(loaded.personas, { request: args.positionals[0] ?? "", files });
  const report = createReporter(io);
  report.diagnostics(loaded.diagnostics);
  if (format === "json") report.json({ ...result, diagnostics: loaded.diagnostics });
  else report.stdout(formatMatches(result.matches, report.out));
  return hasErrors(loaded.diagnostics) ? 1 : 0;
}
