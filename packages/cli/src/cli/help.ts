import { docsUrl } from "../links.js";
import { HELP_OPTION } from "./args.js";
import type { CommandEntry, CommandSpec, OptionSpec } from "./spec.js";

/** Options every command accepts, shown at the end of each command's option list. */
export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  { name: "verbose", type: "boolean", description: "Print per-file detail, and a stack trace for internal errors" },
];

/** One sentence on exit codes, shared by every help page so they never disagree. */
export const EXIT_CODES =
  "Exit codes: 0 success; 1 errors in personas, drift under --check, a refused write, or more warnings than --max-warnings; 2 bad usage, bad config, or an internal error.";

function optionLabel(o: OptionSpec): string {
  const short = o.short ? `-${o.short}, ` : "    ";
  const value = o.type === "string" ? ` ${o.value ?? "VALUE"}` : "";
  return `${short}--${o.name}${value}`;
}

function table(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
}

/** The `--help` page of one command: usage, options, examples, notes. */
export function formatCommandHelp(spec: CommandSpec): string {
  const options = [...spec.options, HELP_OPTION, ...GLOBAL_OPTIONS];
  const lines = [
    `persona ${spec.name} — ${spec.summary}`,
    "",
    "Usage:",
    ...spec.usage.map((u) => `  persona ${u}`),
    "",
    "Options:",
    ...table(options.map((o) => [optionLabel(o), o.description] as const)),
    "",
    "Examples:",
    ...spec.examples.flatMap((e) => [`  $ ${e.command}`, `      ${e.description}`]),
  ];
  for (const note of spec.notes ?? []) lines.push("", note);
  lines.push("", EXIT_CODES);
  return `${lines.join("\n")}\n`;
}

/** The top-level `persona --help` page, built from the command table. */
export function formatMainHelp(version: string, commands: readonly CommandEntry[]): string {
  const lines = [
    `persona ${version} — compile persona markdown into Claude Code, Cursor, Copilot and MCP files`,
    "",
    "Usage:",
    "  persona <command> [options]",
    "  persona <command> --help",
    "",
    "Commands:",
    ...table(commands.map((c) => [c.name, c.summary] as const)),
    "",
    "Global options:",
    ...table([
      ["-h, --help", "Show help; `persona <command> --help` for a command"],
      ["-v, --version", "Print the version"],
      ["    --verbose", "Print per-file detail, and a stack trace for internal errors"],
    ]),
    "",
    "Examples:",
    "  $ persona init                      scaffold persona.config.json and personas/example.md",
    "  $ persona build --target claude     write .claude/agents/<id>.md for every persona",
    "  $ persona build --check             exit 1 when generated files drift from their sources (CI)",
    "",
    "Configuration: persona.config.json, persona.config.yaml or a `persona` key in package.json;",
    "command-line flags win over it.",
    "",
    `Documentation: ${docsUrl("cli.md")}`,
    "",
    "Environment: NO_COLOR, FORCE_COLOR; PERSONA_CACHE=0 (no parse cache); PERSONA_WORKERS=N (parse threads).",
    "",
    EXIT_CODES,
  ];
  return `${lines.join("\n")}\n`;
}
