import { CliError, ConfigError } from "../errors.js";
import type { Io } from "../io.js";
import { createReporter } from "./reporter.js";
import { sanitize } from "./sanitize.js";

/**
 * Reports an error that ended a command and returns its exit code. A `CliError` (usage, config,
 * refused I/O) prints its message, positioned diagnostics and a hint; anything else is a bug or an
 * unexpected fault: one line, and the stack only with `--verbose`. With `--json` the same facts
 * go to stdout as `{ ok: false, exitCode, error, diagnostics }` so a machine caller can read them.
 */
export function reportFailure(error: unknown, io: Io, json: boolean): number {
  const report = createReporter(io);
  const known = error instanceof CliError;
  const exitCode = known ? error.exitCode : 2;
  const message = error instanceof Error ? error.message : String(error);
  const diagnostics = error instanceof ConfigError ? error.diagnostics : [];
  if (json) {
    report.json({
      ok: false,
      exitCode,
      error: { code: known ? error.code : "INTERNAL", message },
      diagnostics,
    });
    return exitCode;
  }
  if (diagnostics.length > 0) report.diagnostics(diagnostics);
  const red = report.err.red;
  if (known) {
    // CliError messages name their command (`persona build: unknown option --x`), like ls or git.
    report.stderr(`${red(sanitize(message))}\n`);
    if (error.hint) report.stderr(`${report.err.dim(error.hint)}\n`);
  } else if (io.verbose && error instanceof Error && error.stack) {
    report.stderr(`${red("persona: internal error:")} ${error.stack}\n`);
  } else {
    report.stderr(`${red("persona: internal error:")} ${sanitize(message)}\n`);
    report.stderr(`${report.err.dim("This is a bug in persona. Run again with --verbose for the stack trace.")}\n`);
  }
  return exitCode;
}
