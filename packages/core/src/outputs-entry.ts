/**
 * `@personas/core/outputs`: reading generated files back without compiling anything — declared
 * outputs, markers, ownership, build keys, and finding and reading persona files. For code that
 * must start fast and usually compiles nothing (a no-op build, `build --check` in CI): it loads
 * no parser, target compiler, Handlebars or zod. Everything here is also exported by the main
 * entry, `@personas/core`.
 */
export {
  type BuildKeyOptions,
  type BuildKeys,
  createBuildKeys,
  type KeySource,
  readFilesField,
} from "./build-key.js";
export type { KeptPersona } from "./compile.js";
export {
  compareStrings,
  type Diagnostic,
  diagnostic,
  hasErrors,
  type Severity,
  sortDiagnostics,
} from "./diagnostics/diagnostic.js";
export { MESSAGES, RULES } from "./diagnostics/rules.js";
export { hollowBlock } from "./formats/block.js";
export type { FileText } from "./formats/file-text.js";
export type { Format, FormatName } from "./formats/format.js";
export { readMarker } from "./formats/marker.js";
export {
  decideRemove,
  decideWrite,
  intactBuildKey,
  type Ownership,
  ownershipOf,
  ownershipOfChunks,
} from "./formats/ownership.js";
export type { GeneratedFile } from "./generated-file.js";
export { withIdPrefix } from "./id-prefix.js";
export type { Persona } from "./model/persona.js";
export { mayHoldPersonaFlags, sourceHash } from "./parse/text.js";
export type { ParseOptions } from "./parse-persona.js";
export type { FileParseResult } from "./parse-personas.js";
export { DEFAULT_MAX_BYTES, findPersonaFiles, mapPool, readPersonaFileSync } from "./persona-files.js";
export { PersonaIndex } from "./persona-index.js";
export { hasSharedOutputs, isTargetId, type TargetId, targetIds } from "./targets/declarations.js";
export type { SharedPart } from "./targets/define-target.js";
export {
  declaredOutputs,
  idInPath,
  outputAt,
  type Scope,
  segmentMatcher,
  userScopeTargets,
} from "./targets/outputs.js";
