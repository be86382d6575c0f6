import { type Diagnostic, RULES } from "@personas/core/outputs";
import { CLI_RULES } from "../messages.js";

/** The SARIF version persona writes, and its schema. */
const SARIF_VERSION = "2.1.0";
const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

/** Every rule id persona can report: core's, then the CLI's, each once, in registry order. */
export const ALL_RULE_IDS: readonly string[] = [...new Set([...Object.values(RULES), ...Object.values(CLI_RULES)])];

/**
 * A diagnostic's path as a SARIF URI reference: `/` separators, percent-encoded (spaces, `%`,
 * `#`, `?`), relative to the folder persona ran in (`%SRCROOT%`), which is how GitHub code
 * scanning and editors resolve it against the checkout.
 */
function toUri(path: string): string {
  return path
    .split("/")
    .map((segment) => encodeURIComponent(segment))
    .join("/");
}

/** Options of `toSarif`. */
export interface SarifOptions {
  version: string;
  /** The command's exit code: 2 means the run itself failed, not that it found problems. */
  exitCode: number;
}

/**
 * Diagnostics as one SARIF 2.1.0 log (https://docs.oasis-open.org/sarif/sarif/v2.1.0/) with one
 * run: the tool `persona` with every rule it knows, and one result per diagnostic with its file,
 * line and column. Columns are UTF-16 code units, which is SARIF's default `columnKind` as well
 * as ours; no absolute path or timestamp goes in, so the same findings give the same bytes.
 */
export function toSarif(diagnostics: readonly Diagnostic[], options: SarifOptions) {
  const ids = [...ALL_RULE_IDS];
  for (const d of diagnostics) if (!ids.includes(d.rule)) ids.push(d.rule);
  return {
    $schema: SARIF_SCHEMA,
    version: SARIF_VERSION,
    runs: [
      {
        tool: {
          driver: {
            name: "persona",
            version: options.version,
            informationUri: "https://www.npmjs.com/package/@personas/cli",
            rules: ids.map((id) => ({ id })),
          },
        },
        columnKind: "utf16CodeUnits",
        invocations: [{ executionSuccessful: options.exitCode !== 2, exitCode: options.exitCode }],
        results: diagnostics.map((d) => ({
          ruleId: d.rule,
          ruleIndex: ids.indexOf(d.rule),
          level: d.severity === "info" ? "note" : d.severity,
          message: { text: d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: toUri(d.file), uriBaseId: "%SRCROOT%" },
                region: { startLine: d.line, startColumn: d.column },
              },
            },
          ],
        })),
      },
    ],
  };
}
