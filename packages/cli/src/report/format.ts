import type { ParsedArgs } from "../cli/args.js";
import type { OptionSpec } from "../cli/spec.js";
import { UsageError } from "../errors.js";

/** How a command prints its result: for people, or for JSON readers, SARIF viewers and GitHub Actions. */
export const OUTPUT_FORMATS = ["human", "json", "sarif", "github"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The `--format` option, listing the formats a command accepts. */
export function formatOption(formats: readonly OutputFormat[]): OptionSpec {
  return {
    name: "format",
    type: "string",
    value: "FORMAT",
    description: `Output format: ${formats.join(", ")} (default: human; json is also --json)`,
  };
}

/**
 * The output format a command was asked for. `--json` is an alias of `--format json`; giving it
 * with another format is a contradiction, not a silent choice.
 */
export function readFormat(args: ParsedArgs, command: string, formats: readonly OutputFormat[]): OutputFormat {
  const given = args.string("format");
  const json = args.flag("json");
  if (given === undefined) return json ? "json" : "human";
  const format = formats.find((f) => f === given);
  if (format === undefined) {
    throw new UsageError(
      `persona ${command}: unknown format ${JSON.stringify(given)}; valid formats: ${formats.join(", ")}`,
      `Run \`persona ${command} --help\` for usage.`,
    );
  }
  if (json && format !== "json") {
    throw new UsageError(
      `persona ${command}: --json and --format ${format} cannot be combined`,
      "--json is --format json.",
    );
  }
  return format;
}

/**
 * Whether a command line asks for JSON (`--json`, `--format json`, `--format=json`), read from the
 * raw arguments so that a failure before parsing finished is still reported as JSON.
 */
export function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf("--");
  const head = end === -1 ? argv : argv.slice(0, end);
  return head.some((a, i) => a === "--json" || a === "--format=json" || (a === "--format" && head[i + 1] === "json"));
}
