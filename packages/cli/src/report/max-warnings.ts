import type { Diagnostic } from "@personas/core/outputs";
import type { ParsedArgs } from "../cli/args.js";
import { UsageError } from "../errors.js";

/**
 * `--max-warnings N` (as in ESLint): undefined when not given, so warnings never change the exit
 * code unless the user asks. Only a whole number of 0 or more is accepted.
 */
export function readMaxWarnings(args: ParsedArgs, command: string): number | undefined {
  const value = args.string("max-warnings");
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(
      `persona ${command}: --max-warnings needs a whole number of 0 or more, not ${JSON.stringify(value)}`,
      "With --max-warnings 0 any warning fails the command.",
    );
  }
  return Number(value);
}

/** The number of warnings when it is over the limit, else undefined. */
export function warningsOverLimit(diagnostics: readonly Diagnostic[], max: number | undefined): number | undefined {
  if (max === undefined) return undefined;
  const count = diagnostics.filter((d) => d.severity === "warning").length;
  return count > max ? count : undefined;
}
