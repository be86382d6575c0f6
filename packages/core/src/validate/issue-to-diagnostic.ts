import type { z } from "zod";
import { type Diagnostic, diagnostic, type Position } from "../diagnostics/diagnostic.js";
import { RULES } from "../diagnostics/rules.js";
import { closest } from "../diagnostics/suggest.js";
import { pathLabel } from "../parse/decoded-values.js";

/**
 * A union of "list or string" that fails on a list item is reported at the item (`tools[1]`), not
 * as "expected a string or a list": the input's shape already says which branch was meant.
 */
function unwrapUnion(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== "invalid_union") return [issue];
  for (const branch of issue.errors) {
    const typeMismatch = branch.some((i) => i.code === "invalid_type" && i.path.length === 0);
    if (!typeMismatch && branch.length > 0) {
      return branch.flatMap((inner) => unwrapUnion({ ...inner, path: [...issue.path, ...inner.path] }));
    }
  }
  return [issue];
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string")
    return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} \`${String(value)}\``;
}

function expected(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.expected === "array"
        ? "a list"
        : issue.expected === "object" || issue.expected === "record"
          ? "a mapping"
          : `a ${issue.expected}`;
    case "invalid_value":
      return `one of ${issue.values.map((v) => `\`${String(v)}\``).join(", ")}`;
    case "invalid_union":
      return "a string or a list of strings";
    default:
      return issue.message;
  }
}

/** Where a frontmatter path's key and value sit (the parsed YAML, or the positions a persona kept). */
export interface Locator {
  keyAt(path: readonly PropertyKey[]): Position;
  valueAt(path: readonly PropertyKey[]): Position;
}

/**
 * Turns zod issues on frontmatter into positioned diagnostics: "Unexpected number `1.1` for
 * `model`, expected a string" at the value's line and column. Issue paths are relative to
 * `prefix` (`["targets", "claude"]` when a target's options were checked on their own); issues
 * under `targets` get the target-option rule. An unknown key gets a did-you-mean from `known`.
 */
export function issuesToDiagnostics(
  issues: readonly z.core.$ZodIssue[],
  locate: Locator,
  file: string,
  prefix: readonly PropertyKey[] = [],
  known: (path: readonly PropertyKey[]) => readonly string[] = () => [],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of issues.flatMap((i) => unwrapUnion(i))) {
    const path = [...prefix, ...issue.path];
    const rule = path[0] === "targets" ? RULES.frontmatterInvalidTargetOption : RULES.frontmatterInvalidType;
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const keyPath = [...path, key];
        const guess = closest(key, known(issue.path));
        const hint = guess === undefined ? "" : ` (did you mean \`${guess}\`?)`;
        out.push(
          diagnostic("error", rule, `Unexpected key \`${pathLabel(keyPath)}\`${hint}`, file, locate.keyAt(keyPath)),
        );
      }
      continue;
    }
    const input = "input" in issue ? issue.input : undefined;
    const message =
      issue.code === "too_small" && issue.origin === "string"
        ? `Unexpected empty value for \`${pathLabel(path)}\``
        : `Unexpected ${describe(input)} for \`${pathLabel(path)}\`, expected ${expected(issue)}`;
    out.push(diagnostic("error", rule, message, file, locate.valueAt(path)));
  }
  return out;
}
