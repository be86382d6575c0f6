/**
 * `@personas/core/parse`: the parser alone, for code that only reads persona files (a parse
 * worker thread): it loads no target, renderer or template engine.
 */
export type { Diagnostic } from "./diagnostics/diagnostic.js";
export type { Persona } from "./model/persona.js";
export { type ParseOptions, type ParseResult, parsePersona } from "./parse-persona.js";
export { type FileParseResult, parsePersonas } from "./parse-personas.js";
