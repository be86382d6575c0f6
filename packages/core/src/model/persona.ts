import { z } from "zod";
import { PERSONA_ID_MAX_LENGTH, PERSONA_ID_PATTERN } from "./persona-id.js";

/**
 * The persona model. Every TypeScript type of the model is inferred from these schemas, so the
 * schema is the single source of truth (DESIGN.md §3). This module imports nothing from the rest
 * of core: targets, parser and CLI all depend on it, never the other way round.
 */

/** A titled or untitled entry of a list section ("1. **Reliability First**: Systems must…"). */
export const ItemSchema = z.object({
  title: z.string().optional(),
  text: z.string(),
});
export type Item = z.infer<typeof ItemSchema>;

/** When a persona activates: request keywords, file globs, and free-text contexts. */
export const TriggersSchema = z.object({
  keywords: z.array(z.string()),
  files: z.array(z.string()),
  contexts: z.array(z.string()),
});
export type Triggers = z.infer<typeof TriggersSchema>;

/** One numeric bound inside a budget value ("<200ms" → op "<", value 200, unit "ms"). */
export const ConstraintSchema = z.object({
  op: z.enum(["<", "<=", ">", ">=", "="]).optional(),
  value: z.number(),
  unit: z.string(),
  qualifier: z.string().optional(),
});
export type Constraint = z.infer<typeof ConstraintSchema>;

/** One line of a budget section ("- **Uptime**: 99.9% (8.7h/year downtime)"). */
export const BudgetSchema = z.object({
  group: z.string(),
  metric: z.string(),
  raw: z.string(),
  constraints: z.array(ConstraintSchema),
  note: z.string().optional(),
});
export type Budget = z.infer<typeof BudgetSchema>;

/** One step of a workflow with the shell commands quoted in it as inline code. */
export const WorkflowStepSchema = z.object({
  text: z.string(),
  commands: z.array(z.string()),
});
export type WorkflowStep = z.infer<typeof WorkflowStepSchema>;

/** A section whose title names a workflow, instructions, a procedure or a process. */
export const WorkflowSchema = z.object({
  title: z.string(),
  steps: z.array(WorkflowStepSchema),
});
export type Workflow = z.infer<typeof WorkflowSchema>;

/**
 * An MCP server a persona prefers or avoids ("- **Primary**: Context7 - For backend patterns"):
 * `name` as the persona file writes it (a config's `mcpServers` maps it to a configured server).
 */
export const McpServerPreferenceSchema = z.object({
  name: z.string(),
  role: z.enum(["primary", "secondary", "tertiary", "avoided"]),
  note: z.string().optional(),
});
export type McpServerPreference = z.infer<typeof McpServerPreferenceSchema>;

/** The model fields a whole section can feed; `title` marks the section headed by the persona's H1. */
export const SectionFieldSchema = z.enum([
  "title",
  "identity",
  "priorities",
  "principles",
  "budgets",
  "qualityStandards",
  "focusAreas",
  "triggers",
  "approach",
  "workflows",
  "mcpServers",
  "commands",
]);
export type SectionField = z.infer<typeof SectionFieldSchema>;

/**
 * A section of the body: a heading of any level, or a line that is only a bold label
 * (`**Core Principles**:`), up to the next one. `markdown` is sliced verbatim from the source, so
 * nothing is lost. `field` names the model field the section fed; `rest` is the part of the
 * section (without its heading line) that no model field carries — prose, code blocks, tables —
 * which targets emit verbatim. Content before the first heading is a section with depth 0 and an
 * empty title.
 */
export const SectionSchema = z.object({
  title: z.string(),
  depth: z.number().int().min(0).max(6),
  /** The 1-based line of the section's heading in the source (compile diagnostics point at it). */
  line: z.number().int().min(1).optional(),
  markdown: z.string(),
  field: SectionFieldSchema.optional(),
  rest: z.string(),
  /** The file the section came from, when it is not the persona's own (an included fragment, a parent). */
  source: z.string().optional(),
  /** For a section of an included fragment: whether it stands before or after the persona's own. */
  at: z.enum(["start", "end"]).optional(),
});
export type Section = z.infer<typeof SectionSchema>;

/** A 1-based line and column in a source file. */
export const PositionSchema = z.object({ line: z.number().int().min(1), column: z.number().int().min(1) });

/** Where a frontmatter key and its value sit. */
export const KeyPositionSchema = z.object({ key: PositionSchema, value: PositionSchema });
export type KeyPosition = z.infer<typeof KeyPositionSchema>;

/**
 * Where a persona came from: its path as given, the SHA-256 of its text as read (BOM dropped,
 * CRLF read as LF, so a checkout that converted line ends is the same source), and where each
 * frontmatter key sits (dotted paths: `name`, `targets.claude.model`), so a problem found while
 * compiling points at the key that caused it.
 */
export const SourceSchema = z.object({
  path: z.string(),
  sha256: z.string(),
  positions: z.record(z.string(), KeyPositionSchema).optional(),
  /**
   * The other files the persona is made from, in order: its included fragments and the files of
   * the personas it extends, by path (as markers name them) and the SHA-256 of their text. Build
   * keys cover them, so a change to a fragment rebuilds every persona that includes it.
   */
  dependencies: z.array(z.object({ path: z.string(), sha256: z.string() })).optional(),
  /**
   * The fragments placed in the persona, in order, with how many entries each gave to each list
   * field (`principles`, `budgets`, `workflows`…). The persona's lists hold every entry in the
   * order the sections stand; this tells targets which are the persona's own, so a fragment's
   * text is rendered where the fragment stands and never twice.
   */
  included: z
    .array(
      z.object({
        path: z.string(),
        at: z.enum(["start", "end"]),
        entries: z.record(z.string(), z.number().int().min(0)),
      }),
    )
    .optional(),
});
export type Source = z.infer<typeof SourceSchema>;

export { PERSONA_ID_MAX_LENGTH, PERSONA_ID_PATTERN };

/** A parsed, validated persona (DESIGN.md §3). */
export const PersonaSchema = z.object({
  id: z.string().regex(PERSONA_ID_PATTERN).max(PERSONA_ID_MAX_LENGTH),
  title: z.string(),
  description: z.string(),
  identity: z.string().optional(),
  priorities: z.array(z.string()),
  principles: z.array(ItemSchema),
  budgets: z.array(BudgetSchema),
  qualityStandards: z.array(ItemSchema),
  focusAreas: z.array(z.string()),
  triggers: TriggersSchema,
  approach: z.array(ItemSchema),
  workflows: z.array(WorkflowSchema),
  /** "MCP Server Preferences": the servers the persona prefers, in order, and the ones it avoids. */
  mcpServers: z.array(McpServerPreferenceSchema),
  /** "Optimized Commands": the command strings (`/build --api`), as written. */
  commands: z.array(z.string()),
  placeholders: z.array(z.string()),
  sections: z.array(SectionSchema),
  tools: z.array(z.string()).optional(),
  model: z.string().optional(),
  targets: z.record(z.string(), z.record(z.string(), z.unknown())),
  /** Frontmatter `include:`: fragments placed before (`start`) or after (`end`) the persona's own sections. */
  include: z.array(z.object({ path: z.string(), at: z.enum(["start", "end"]) })).optional(),
  /**
   * Frontmatter `layout:`: `verbatim` makes every target emit the body as written, sections in
   * source order (what `persona import` writes, so a tool's file compiles back to the same prompt);
   * absent or `structured`, targets render the fields in their fixed order.
   */
  layout: z.enum(["structured", "verbatim"]).optional(),
  /** Frontmatter `extends:`: the id of the persona this one starts from. */
  extends: z.string().optional(),
  meta: z.record(z.string(), z.unknown()),
  source: SourceSchema,
});
export type Persona = z.infer<typeof PersonaSchema>;
