import { parseArgs } from "node:util";
import { closest } from "@personas/core/suggest";
import { UsageError } from "../errors.js";
import type { CommandSpec, OptionSpec } from "./spec.js";

/** Parsed command-line arguments with typed accessors, so commands never cast. */
export class ParsedArgs {
  readonly #values: Readonly<Record<string, string | boolean | string[] | undefined>>;
  readonly positionals: readonly string[];

  constructor(values: Record<string, string | boolean | string[] | undefined>, positionals: string[]) {
    this.#values = values;
    this.positionals = positionals;
  }

  /** True when the boolean flag was given. */
  flag(name: string): boolean {
    return this.#values[name] === true;
  }

  /** The value of a single-valued string option. */
  string(name: string): string | undefined {
    const v = this.#values[name];
    return typeof v === "string" ? v : undefined;
  }

  /**
   * Every value of a repeatable option, blanks dropped. With `commas`, each value is also split on
   * commas (`--target claude,cursor`); paths are not, since a file name may contain one.
   */
  list(name: string, options: { commas?: boolean } = {}): string[] {
    const v = this.#values[name];
    const raw = Array.isArray(v) ? v : typeof v === "string" ? [v] : [];
    return raw
      .flatMap((s) => (options.commas ? s.split(",") : [s]))
      .map((s) => s.trim())
      .filter((s) => s !== "");
  }
}

/** The `--help` option every command accepts. */
export const HELP_OPTION: OptionSpec = { name: "help", short: "h", type: "boolean", description: "Show this help" };

function helpHint(spec: CommandSpec): string {
  return `Run \`persona ${spec.name} --help\` for usage.`;
}

/**
 * Parses a command's argv against its spec. Node's `parseArgs` runs non-strict so that every
 * mistake gets our wording and a hint: an unknown option (with a "did you mean"), a missing
 * value (`--out --check` would otherwise swallow `--check` as the folder name), a value given to a
 * boolean flag, and too many or too few positional arguments.
 */
export function parseCommandArgs(spec: CommandSpec, argv: readonly string[]): ParsedArgs {
  const all = [...spec.options, HELP_OPTION];
  const options: Record<string, { type: "boolean" | "string"; multiple?: boolean; short?: string }> = {};
  for (const o of all) {
    options[o.name] = {
      type: o.type,
      ...(o.multiple ? { multiple: true } : {}),
      ...(o.short ? { short: o.short } : {}),
    };
  }
  const { values, positionals, tokens } = parseArgs({
    args: [...argv],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const byName = new Map(all.map((o) => [o.name, o]));
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    const option = byName.get(token.name);
    if (!option) {
      const guess = closest(token.name, [...byName.keys()]);
      throw new UsageError(
        `persona ${spec.name}: unknown option ${token.rawName}${guess ? ` (did you mean --${guess}?)` : ""}`,
        helpHint(spec),
      );
    }
    if (option.type === "string") {
      const missing =
        token.value === undefined || token.value === "" || (!token.inlineValue && token.value.startsWith("-"));
      if (missing) {
        throw new UsageError(
          `persona ${spec.name}: option --${option.name} needs a value (${option.value ?? "VALUE"})`,
          helpHint(spec),
        );
      }
      if (!option.multiple && seen.has(option.name))
        throw new UsageError(`persona ${spec.name}: option --${option.name} was given more than once`, helpHint(spec));
    } else if (token.value !== undefined) {
      throw new UsageError(`persona ${spec.name}: option --${option.name} takes no value`, helpHint(spec));
    }
    seen.add(option.name);
  }
  if (values["help"] === true) return new ParsedArgs(values, positionals);
  const { min, max, name } = spec.positionals;
  if (positionals.length > max) {
    const extra = positionals[max] ?? "";
    throw new UsageError(
      max === 0
        ? `persona ${spec.name}: unexpected argument ${JSON.stringify(extra)}`
        : `persona ${spec.name}: too many arguments (expected at most ${max})`,
      helpHint(spec),
    );
  }
  if (positionals.length < min) {
    throw new UsageError(`persona ${spec.name}: missing argument ${name ?? ""}`.trimEnd(), helpHint(spec));
  }
  return new ParsedArgs(values, positionals);
}
