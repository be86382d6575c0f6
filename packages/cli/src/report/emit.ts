import type { Diagnostic } from "@personas/core/outputs";
import { VERSION } from "../version.js";
import type { OutputFormat } from "./format.js";
import { githubAnnotations } from "./github.js";
import type { Reporter } from "./reporter.js";
import { toSarif } from "./sarif.js";

/** What a command hands to `emitMachine`: its diagnostics, its exit code and its JSON result. */
export interface MachineResult {
  diagnostics: readonly Diagnostic[];
  exitCode: number;
  /** The command's `--json` document, built only when JSON was asked for. */
  json(): unknown;
}

/**
 * Prints a result in a machine format on stdout, as one write: the command's JSON document, a
 * SARIF log of its diagnostics, or GitHub Actions workflow commands. The caller returns the exit
 * code instead of exiting, so a large document reaches a pipe or file whole.
 */
export function emitMachine(report: Reporter, format: Exclude<OutputFormat, "human">, result: MachineResult): void {
  switch (format) {
    case "json":
      report.json(result.json());
      return;
    case "sarif":
      report.json(toSarif(result.diagnostics, { version: VERSION, exitCode: result.exitCode }));
      return;
    case "github":
      report.stdout(githubAnnotations(result.diagnostics));
      return;
  }
}
