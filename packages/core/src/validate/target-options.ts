import type { z } from "zod";
import { type Diagnostic, diagnostic } from "../diagnostics/diagnostic.js";
import { MESSAGES, RULES } from "../diagnostics/rules.js";
import { closest } from "../diagnostics/suggest.js";
import type { Persona } from "../model/persona.js";
import { type TargetId, targetIds, targets } from "../targets/index.js";
import { readTargetOptions, sourceLocator } from "./read-options.js";
import { findUnknownKeys } from "./unknown-keys.js";

/** A persona's validated `targets.<id>` overrides, and what was wrong with them. */
export interface TargetOptionsResult {
  /** Options of each target whose block is valid (an absent block is `{}`). */
  options: Map<TargetId, unknown>;
  diagnostics: Diagnostic[];
}

/**
 * Validates a persona's frontmatter against the registry, once, where compiling starts: top-level
 * keys persona does not read (`findUnknownKeys`), an unknown target name (with a did-you-mean),
 * and each selected target's overrides
 * against its own options schema, at the key or value that is wrong. A target whose block is
 * invalid has no options here: the persona is not emitted for it, never half-configured. The
 * parser leaves this to compile, so parsing never loads the targets (nor Handlebars).
 *
 * @example
 * const { options, diagnostics } = checkTargetOptions(persona, ["claude"]);
 */
export function checkTargetOptions(persona: Persona, selected: readonly TargetId[] = targetIds): TargetOptionsResult {
  const locate = sourceLocator(persona);
  const diagnostics: Diagnostic[] = [];
  for (const name of Object.keys(persona.targets)) {
    if (Object.hasOwn(targets, name)) continue;
    const guess = closest(name, targetIds);
    const message = MESSAGES.unknownTarget(name, targetIds) + (guess ? ` (did you mean \`${guess}\`?)` : "");
    diagnostics.push(
      diagnostic(
        "error",
        RULES.frontmatterUnknownTarget,
        message,
        persona.source.path,
        locate.keyAt(["targets", name]),
      ),
    );
  }
  diagnostics.push(...findUnknownKeys(persona));
  const options = new Map<TargetId, unknown>();
  for (const id of selected) {
    const read = readTargetOptions(targets[id].optionsSchema as z.ZodType, persona, id);
    diagnostics.push(...read.diagnostics);
    if (read.diagnostics.length === 0) options.set(id, read.options);
  }
  return { options, diagnostics };
}
