/**
 * @personas/core — parse persona markdown into a typed, validated model and compile it into the
 * native files of AI coding tools. Everything here is pure: functions return data (personas, files,
 * diagnostics) and never print, exit or write files.
 */

export {
  type CompileOptions,
  type CompileResult,
  type Compiler,
  compile,
  createCompiler,
  findHiddenValues,
} from "./compile.js";
export {
  type Diagnostic,
  DiagnosticSchema,
  diagnostic,
  formatDiagnostic,
  hasErrors,
  type Severity,
  SeveritySchema,
  sortDiagnostics,
} from "./diagnostics/diagnostic.js";
export { MESSAGES, RULES, type RuleId } from "./diagnostics/rules.js";
export { closest } from "./diagnostics/suggest.js";
export {
  type ContentHashCheck,
  GENERATED_MARKER,
  type GeneratedFile,
  generatedNotice,
  hasManagedBlock,
  isGeneratedFile,
  MANAGED_BLOCK_BEGIN,
  MANAGED_BLOCK_END,
  verifyContentHash,
} from "./finalize.js";
export { checkGeneratedChunks, type GeneratedCheck } from "./generated-check.js";
export {
  checkCollisions,
  DEFAULT_MAX_BYTES,
  findPersonaFiles,
  type LoadOptions,
  type LoadResult,
  loadPersonas,
  mapPool,
  readPersonaFile,
  readPersonaFileSync,
} from "./load-personas.js";
export {
  type Budget,
  BudgetSchema,
  type Constraint,
  ConstraintSchema,
  type Item,
  ItemSchema,
  PERSONA_ID_PATTERN,
  type Persona,
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
export { type ParseOptions, type ParseResult, parsePersona } from "./parse-persona.js";
export { createRenderer, type Renderer, type TemplateSet } from "./render/renderer.js";
export {
  ROUTE_POINTS,
  type RouteFileReason,
  RouteFileReasonSchema,
  type RouteInput,
  type RouteKeywordReason,
  RouteKeywordReasonSchema,
  type RouteMatch,
  RouteMatchSchema,
  type RouteReason,
  RouteReasonSchema,
  type RouteResult,
  RouteResultSchema,
  route,
} from "./route.js";
export { type ClaudeOptions, ClaudeOptionsSchema } from "./targets/claude.js";
export { type CopilotOptions, CopilotOptionsSchema } from "./targets/copilot.js";
export { type CursorOptions, CursorOptionsSchema } from "./targets/cursor.js";
export type { PersonaOutput, Target, TargetContext, TargetFile } from "./targets/define-target.js";
export { isTargetId, type TargetId, targetIds, targets } from "./targets/index.js";
export {
  buildMcpPrompts,
  fillPrompt,
  type McpOptions,
  McpOptionsSchema,
  type McpPrompt,
  type McpPromptArgument,
  type McpPromptMessage,
} from "./targets/mcp-prompts.js";
export { buildPersonaView, type PersonaView } from "./targets/persona-view.js";
export { readTemplateDir as loadTemplates } from "./targets/template-set.js";
export { type Frontmatter, FrontmatterSchema, toJsonSchema } from "./validate/frontmatter-schema.js";
export { SCAFFOLD_PLACEHOLDERS } from "./validate/scaffold-placeholders.js";
