import { type Diagnostic, diagnostic } from "../diagnostics/diagnostic.js";
import { MESSAGES, RULES } from "../diagnostics/rules.js";
import { closest } from "../diagnostics/suggest.js";
import type { Persona } from "../model/persona.js";
import { targetIds, targets } from "../targets/index.js";
import { isUserDataKey, KNOWN_KEYS } from "./frontmatter-schema.js";

/** The option keys a target declares (its options schema is a zod object). */
function optionKeys(schema: unknown): string[] {
  const shape = (schema as { shape?: unknown }).shape;
  return shape !== null && typeof shape === "object" ? Object.keys(shape) : [];
}

/**
 * Warns at each top-level frontmatter key persona does not read: a typo (`descripton`) would
 * otherwise vanish without a word. The warning suggests the key that was probably meant, and
 * names the `targets.<id>.<key>` where a tool's own field belongs (`color` → `targets.claude.color`).
 * Keys under `meta:` and keys starting with `x-` are the user's own data and are never warned.
 * Run where compiling starts (and by `persona validate`), from the key positions the parser kept,
 * so the parser itself never loads the targets.
 */
export function findUnknownKeys(persona: Persona): Diagnostic[] {
  const known = [...KNOWN_KEYS];
  const out: Diagnostic[] = [];
  const positions = persona.source.positions ?? {};
  for (const key of Object.keys(positions)) {
    if (key.includes(".")) continue;
    if (KNOWN_KEYS.has(key) || isUserDataKey(key)) continue;
    const targetKeys = targetIds
      .filter((id) => optionKeys(targets[id].optionsSchema).includes(key))
      .map((id) => `targets.${id}.${key}`);
    const suggestion = targetKeys.length > 0 ? undefined : closest(key, known);
    const hint = { ...(suggestion === undefined ? {} : { suggestion }), targetKeys };
    out.push(
      diagnostic(
        "warning",
        RULES.frontmatterUnknownKey,
        MESSAGES.unknownKey(key, hint),
        persona.source.path,
        positions[key]?.key ?? { line: 1, column: 1 },
      ),
    );
  }
  return out;
}
