/**
 * @personas/core — parse persona markdown into a typed, validated model and compile it into the
 * native files of AI coding tools. Everything here is pure: functions return data (personas, files,
 * diagnostics) and never print, exit or write files.
 */

export { buildKey, filesField, sharedKey, sourcesOf, templatesFingerprint } from "./build-key.js";
export {
  type CompileOptions,
  type CompileResult,
  type Compiler,
  compile,
  createCompiler,
  findHiddenValues,
} from "./compile.js";
export {
  type ComposeOptions,
  type CompositionHost,
  composePersona,
  isComposed,
  resolveInclude,
} from "./compose/compose.js";
export { extendPersona } from "./compose/extend.js";
export { type FillOptions, fillVariables } from "./compose/fill.js";
export { includeFragments, type PlacedFragment } from "./compose/include.js";
export { dedupeDiagnostics, formatDiagnostic } from "./diagnostics/diagnostic.js";
export { DiagnosticSchema, SeveritySchema } from "./diagnostics/diagnostic-schema.js";
export type { RuleId } from "./diagnostics/rules.js";
export { closest } from "./diagnostics/suggest.js";
export type { MergedFormat, OwnedFormat } from "./formats/format.js";
export type { FrontmatterField, RawFrontmatterLine } from "./formats/frontmatter.js";
export { formats } from "./formats/index.js";
export type { JsonDoc } from "./formats/json.js";
export { MANAGED_BLOCK_BEGIN, MANAGED_BLOCK_END, type ManagedBlockDoc } from "./formats/managed-block.js";
export type { MarkdownDoc } from "./formats/markdown.js";
export {
  GENERATED_MARKER,
  type MarkerLine,
  readMarkerFields,
  readMarkerSources,
  type Stamp,
} from "./formats/marker.js";
export type { MdcDoc } from "./formats/mdc.js";
export type { RemoveDecision, WriteDecision } from "./formats/ownership.js";
export type { TomlDoc, TomlTable, TomlValue } from "./formats/toml.js";
export { type GeneratedFileInfo, generatedFile } from "./generated-file.js";
export {
  type ImportedFile,
  type ImportOptions,
  type ImportResult,
  importPersonas,
} from "./import/import-personas.js";
export { SOURCE_KINDS, type SourceKind } from "./import/kinds.js";
export type { ImportMove } from "./import/map-frontmatter.js";
export { type PersonaSlice, type PersonaSplitter, type SplitResult, splitFlagHeadings } from "./import/split-flags.js";
export { type LoadOptions, type LoadResult, loadPersonas } from "./load-personas.js";
export {
  type Budget,
  BudgetSchema,
  type Constraint,
  ConstraintSchema,
  type Item,
  ItemSchema,
  type KeyPosition,
  KeyPositionSchema,
  type McpServerPreference,
  McpServerPreferenceSchema,
  PERSONA_ID_PATTERN,
  PersonaSchema,
  type Section,
  type SectionField,
  SectionSchema,
  type Source,
  SourceSchema,
  type Triggers,
  TriggersSchema,
  type Workflow,
  WorkflowSchema,
  type WorkflowStep,
  WorkflowStepSchema,
} from "./model/persona.js";
// What reads outputs back without compiling, also on its own as `@personas/core/outputs`.
export * from "./outputs-entry.js";
export { findMojibake } from "./parse/mojibake.js";
export { type ParseResult, parsePersona } from "./parse-persona.js";
export { parsePersonas } from "./parse-personas.js";
export { memoryPartStore, type PartStore } from "./part-store.js";
export { readFragmentSync, readPersonaFile } from "./persona-files.js";
export { checkCollisions, collisionKey, type IndexedPersona } from "./persona-index.js";
export { createRenderer, type Renderer, type TemplateSet } from "./render/renderer.js";

export { route } from "./route/route.js";

export {
  type RouteFileReason,
  RouteFileReasonSchema,
  type RouteInput,
  type RouteKeywordReason,
  RouteKeywordReasonSchema,
  type RouteMatch,
  RouteMatchSchema,
  type RouteMentionReason,
  RouteMentionReasonSchema,
  type RouteReason,
  RouteReasonSchema,
  type RouteResult,
  RouteResultSchema,
  type RouteTextField,
  RouteTextFieldSchema,
  type RouteTextReason,
  RouteTextReasonSchema,
} from "./route/schema.js";

export { ROUTE_WEIGHTS } from "./route/weights.js";

export { type ClaudeOptions, ClaudeOptionsSchema } from "./targets/claude.js";

export { type CopilotOptions, CopilotOptionsSchema } from "./targets/copilot.js";

export { type CursorOptions, CursorOptionsSchema } from "./targets/cursor.js";

export {
  defineOutput,
  defineTarget,
  emit,
  type Output,
  outputPath,
  type PersonaOutput,
  type Target,
  type TargetContext,
  type TargetFile,
} from "./targets/define-target.js";
export { targets } from "./targets/index.js";

export {
  buildMcpPrompts,
  fillPrompt,
  type McpOptions,
  McpOptionsSchema,
  type McpPrompt,
  type McpPromptArgument,
  type McpPromptMessage,
  promptDigest,
  type ServedPrompt,
  type ServedPrompts,
  serveMcpPrompts,
} from "./targets/mcp-prompts.js";

export { type DeclaredOutput, matchesOutput } from "./targets/outputs.js";
export { buildPersonaView, type PersonaView } from "./targets/persona-view.js";

export { readTemplateDir as loadTemplates } from "./targets/template-set.js";

export { type Frontmatter, FrontmatterSchema } from "./validate/frontmatter-schema.js";

export { toJsonSchema } from "./validate/json-schema.js";

export { SCAFFOLD_PLACEHOLDERS } from "./validate/scaffold-placeholders.js";

export { checkTargetOptions, type TargetOptionsResult } from "./validate/target-options.js";
