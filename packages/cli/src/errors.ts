import type { Diagnostic } from "@personas/core/outputs";

/**
 * Errors the CLI turns into an exit code and a one-line message instead of a stack trace. Each has
 * a stable `code`; anything else that reaches the top is an internal error (exit 2, stack only with
 * `--verbose`).
 */
export class CliError extends Error {
  readonly code: string;
  readonly exitCode: number;
  /** A second line telling the user what to do next. */
  readonly hint: string | undefined;

  constructor(code: string, message: string, options: { exitCode?: number; hint?: string } = {}) {
    super(message);
    this.name = "CliError";
    this.code = code;
    this.exitCode = options.exitCode ?? 2;
    this.hint = options.hint;
  }
}

/** Bad command-line usage: unknown command or flag, missing or invalid argument. Exit 2. */
export class UsageError extends CliError {
  constructor(message: string, hint?: string) {
    super("USAGE", message, hint === undefined ? {} : { hint });
    this.name = "UsageError";
  }
}

/** A configuration file that cannot be read or is invalid; carries positioned diagnostics. Exit 2. */
export class ConfigError extends CliError {
  readonly diagnostics: readonly Diagnostic[];

  constructor(message: string, diagnostics: readonly Diagnostic[] = [], hint?: string) {
    super("CONFIG", message, hint === undefined ? {} : { hint });
    this.name = "ConfigError";
    this.diagnostics = diagnostics;
  }
}
