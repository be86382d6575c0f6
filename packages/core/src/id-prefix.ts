import { type Diagnostic, diagnostic } from "./diagnostics/diagnostic.js";
import { MESSAGES, RULES } from "./diagnostics/rules.js";
import type { Persona } from "./model/persona.js";
import { PERSONA_ID_MAX_LENGTH, PERSONA_ID_PATTERN } from "./model/persona-id.js";

/**
 * The persona under the config's `idPrefix` (`sc-` → `sc-backend`; SuperClaude ships its agents
 * so). The prefixed id is the persona's id everywhere after loading: output file names, `name:`
 * fields, Roo slugs, MCP prompt names, markers, `persona show` and `route`. The source file and
 * the title are unchanged. A prefixed id that is no longer a valid id (over 64 characters) is an
 * error at the persona's name.
 */
export function withIdPrefix(persona: Persona, prefix: string): { persona: Persona } | { diagnostic: Diagnostic } {
  if (prefix === "") return { persona };
  const id = `${prefix}${persona.id}`;
  if (id.length > PERSONA_ID_MAX_LENGTH || !PERSONA_ID_PATTERN.test(id)) {
    const at = persona.source.positions?.name?.value ?? { line: 1, column: 1 };
    const message = MESSAGES.idPrefixInvalid(prefix, persona.id, id);
    return { diagnostic: diagnostic("error", RULES.idInvalid, message, persona.source.path, at) };
  }
  return { persona: { ...persona, id } };
}
