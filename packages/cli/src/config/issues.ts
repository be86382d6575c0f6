import type { Diagnostic } from "@personas/core";
import type { Document, LineCounter } from "yaml";
import type { z } from "zod";
import { CLI_MESSAGES, CLI_RULES, cliDiagnostic } from "../messages.js";
import { positionOf } from "./positions.js";
import { ConfigSchema } from "./schema.js";

// The keys a misspelt key is compared with: every key the schema knows.
const CONFIG_KEYS = Object.keys(ConfigSchema.shape);

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return `string ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}

function expectedOf(expected: string): string {
  if (expected === "array") return "a list";
  if (expected === "object") return "an object";
  return `a ${expected}`;
}

/**
 * Turns zod issues on a config into diagnostics in our wording, each at the line and column of the
 * offending key or value. `prefix` is the path of the config inside the document (`["persona"]`
 * for package.json).
 */
export function configIssuesToDiagnostics(
  issues: readonly z.core.$ZodIssue[],
  doc: Document,
  lineCounter: LineCounter,
  file: string,
  prefix: readonly string[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    const at = positionOf(doc, lineCounter, path);
    const error = (message: string, where = at) =>
      out.push(cliDiagnostic("error", CLI_RULES.configInvalid, message, file, where));
    switch (issue.code) {
      case "unrecognized_keys": {
        const valid = issue.path.length === 0 ? CONFIG_KEYS : [];
        for (const key of issue.keys) {
          const where = positionOf(doc, lineCounter, path, key);
          error(
            valid.length > 0
              ? CLI_MESSAGES.unexpectedKey(key, valid)
              : `Unexpected key ${JSON.stringify(key)} in \`${issue.path.join(".")}\``,
            where,
          );
        }
        break;
      }
      case "invalid_value":
        error(CLI_MESSAGES.unexpectedValue(issue.input, issue.values.map(String)));
        break;
      case "invalid_key":
        error(`Unexpected key in \`${issue.path.join(".")}\`: ${issue.issues[0]?.message ?? issue.message}`);
        break;
      case "invalid_type":
        error(CLI_MESSAGES.unexpectedType(describe(issue.input), expectedOf(issue.expected)));
        break;
      case "too_small":
        error(
          issue.origin === "number"
            ? CLI_MESSAGES.unexpectedType(describe(issue.input), "a positive whole number")
            : `Unexpected empty value at \`${issue.path.join(".")}\`, expected a non-empty string`,
        );
        break;
      default:
        error(issue.message);
    }
  }
  return out;
}
