import { z } from "zod";
import type { Diagnostic, Position } from "../diagnostics/diagnostic.js";
import type { Persona } from "../model/persona.js";
import { issuesToDiagnostics, type Locator } from "./issue-to-diagnostic.js";

/**
 * Where a frontmatter path sits, from the key positions the parser kept: the path itself, else
 * its nearest ancestor that has one (a list item points at its list), else the top of the file.
 */
export function sourceLocator(persona: Persona): Locator {
  const find = (path: readonly PropertyKey[], which: "key" | "value"): Position => {
    const positions = persona.source.positions;
    for (let n = path.length; n > 0; n--) {
      const at = positions?.[path.slice(0, n).map(String).join(".")];
      if (at) return n === path.length ? at[which] : at.value;
    }
    return { line: 1, column: 1 };
  };
  return { keyAt: (path) => find(path, "key"), valueAt: (path) => find(path, "value") };
}

/** The keys an object schema knows, at its top level (for a did-you-mean on a mistyped option). */
function optionKeys(schema: z.ZodType): (path: readonly PropertyKey[]) => readonly string[] {
  const shape = schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
  return (path) => (path.length === 0 ? shape : []);
}

/**
 * A persona's `targets.<id>` overrides checked against the target's options schema: the parsed
 * options, or diagnostics at the key or value that is wrong (with a did-you-mean for a mistyped
 * key). An absent block is `{}`.
 */
export function readTargetOptions<O>(
  schema: z.ZodType<O>,
  persona: Persona,
  id: string,
): { options?: O; diagnostics: Diagnostic[] } {
  const checked = schema.safeParse(persona.targets[id] ?? {}, { reportInput: true });
  if (checked.success) return { options: checked.data, diagnostics: [] };
  const locate = sourceLocator(persona);
  const known = optionKeys(schema);
  return {
    diagnostics: issuesToDiagnostics(checked.error.issues, locate, persona.source.path, ["targets", id], known),
  };
}
