import type { Paragraph, Root, RootContent } from "mdast";
import { type Diagnostic, diagnostic } from "../diagnostics/diagnostic.js";
import { RULES } from "../diagnostics/rules.js";
import type { Budget, Item, McpServerPreference, Section, SectionField, Triggers, Workflow } from "../model/persona.js";
import { isPipeTable, isTwoColumnTable, readBudgets } from "./extract-budgets.js";
import { readItems, readPlainItems, splitPriorities } from "./extract-items.js";
import { readCommands, readMcpServers } from "./extract-mcp.js";
import { readTriggers } from "./extract-triggers.js";
import { readWorkflow } from "./extract-workflows.js";
import { collapseSpace, plainText, readLabel, span } from "./markdown.js";
import { blocksMarkdown, type RawSection, sectionMarkdown, splitSections } from "./sections.js";
import type { LineIndex } from "./text.js";

/** Everything the body contributes to a persona. */
export interface BodyModel {
  title?: string;
  firstParagraph?: string;
  identity?: string;
  priorities: string[];
  principles: Item[];
  budgets: Budget[];
  qualityStandards: Item[];
  focusAreas: string[];
  triggers: Triggers;
  approach: Item[];
  workflows: Workflow[];
  mcpServers: McpServerPreference[];
  commands: string[];
  sections: Section[];
  diagnostics: Diagnostic[];
}

type ListField = Exclude<SectionField, "title">;

/** Which model field a section title maps to; heading level does not matter (DESIGN.md §3). */
export function fieldForTitle(title: string): ListField | undefined {
  const t = title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  if (t === "identity" || t === "role") return "identity";
  if (t === "priority hierarchy" || t === "priorities") return "priorities";
  if (t === "core principles" || t === "principles") return "principles";
  if (/\bbudgets?\b/.test(t)) return "budgets";
  if (t === "quality standards") return "qualityStandards";
  if (t === "focus areas") return "focusAreas";
  if (/\btriggers?\b/.test(t)) return "triggers";
  if (t === "analysis approach" || t === "approach") return "approach";
  // SuperClaude's persona sections (v3 PERSONAS.md); a plain "Commands" section stays prose.
  if (t === "mcp server preferences" || t === "mcp servers") return "mcpServers";
  if (t === "optimized commands") return "commands";
  if (/\b(workflows?|instructions|procedures?|process(es)?)\b/.test(t)) return "workflows";
  return undefined;
}

const INLINE_FIELDS: Record<string, "identity" | "priorities"> = {
  identity: "identity",
  role: "identity",
  "priority hierarchy": "priorities",
  priorities: "priorities",
};

/** Reads the body's sections into model fields, keeping every section's markdown. */
export function readBody(root: Root, source: string, bodyOffset: number, file: string, index: LineIndex): BodyModel {
  const model: BodyModel = {
    priorities: [],
    principles: [],
    budgets: [],
    qualityStandards: [],
    focusAreas: [],
    triggers: { keywords: [], files: [], contexts: [] },
    approach: [],
    workflows: [],
    mcpServers: [],
    commands: [],
    sections: [],
    diagnostics: [],
  };
  const raw = splitSections(root, source, bodyOffset);
  const titleSection = raw.find((s) => s.heading?.type === "heading" && s.heading.depth === 1);
  if (titleSection) model.title = titleSection.title;

  for (const section of raw) {
    const remaining = consumeInlineFields(section.blocks, source, model);
    const field = fieldForTitle(section.title);
    const kept = field ? readField(field, section, remaining, source, model, file, index) : remaining;
    if (model.firstParagraph === undefined) {
      const p = kept.find((b): b is Paragraph => b.type === "paragraph" && !isPipeTable(b, source));
      if (p) model.firstParagraph = collapseSpace(plainText(p));
    }
    const out: Section = {
      title: section.title,
      depth: section.depth,
      line: index.position(section.start).line,
      markdown: sectionMarkdown(section, source),
      rest: blocksMarkdown(section.blocks, new Set(kept), source),
    };
    const sectionField = field ?? (section === titleSection ? "title" : undefined);
    if (sectionField) out.field = sectionField;
    model.sections.push(out);
  }
  return model;
}

/** Takes `**Identity**: …` and `**Priority Hierarchy**: A > B` lines out of a section's blocks. */
function consumeInlineFields(blocks: readonly RootContent[], source: string, model: BodyModel): RootContent[] {
  return blocks.filter((block) => {
    if (block.type !== "paragraph") return true;
    const label = readLabel(block, source);
    if (!label?.colon) return true;
    const field = INLINE_FIELDS[label.label.toLowerCase()];
    if (!field) return true;
    const value = collapseSpace(source.slice(label.valueStart, span(block).end));
    if (value === "") return true;
    if (field === "identity") {
      model.identity ??= value;
    } else if (model.priorities.length === 0) {
      model.priorities = splitPriorities(value);
    }
    return false;
  });
}

/** Reads one mapped section into its field; returns the blocks the field did not consume. */
function readField(
  field: ListField,
  section: RawSection,
  blocks: RootContent[],
  source: string,
  model: BodyModel,
  file: string,
  index: LineIndex,
): RootContent[] {
  const notLists = blocks.filter((b) => b.type !== "list");
  switch (field) {
    case "identity": {
      const prose: RootContent[] = blocks.filter((b) => b.type === "paragraph" || b.type === "list");
      if (prose.length > 0 && model.identity === undefined) {
        model.identity = blocksMarkdown(blocks, new Set(prose), source);
        return blocks.filter((b) => !prose.includes(b));
      }
      return blocks;
    }
    case "priorities": {
      const items = readPlainItems(blocks);
      const line = blocks.find((b): b is Paragraph => b.type === "paragraph" && plainText(b).includes(">"));
      if (model.priorities.length === 0) {
        model.priorities = items.length > 0 ? items : line ? splitPriorities(collapseSpace(plainText(line))) : [];
      }
      return items.length > 0 ? notLists : blocks.filter((b) => b !== line);
    }
    case "principles":
      model.principles.push(...readItems(blocks, source));
      return notLists;
    case "qualityStandards":
      model.qualityStandards.push(...readItems(blocks, source));
      return notLists;
    case "approach":
      model.approach.push(...readItems(blocks, source));
      return notLists;
    case "focusAreas":
      model.focusAreas.push(...readPlainItems(blocks));
      return notLists;
    case "triggers": {
      const t = readTriggers(blocks, source);
      model.triggers.keywords.push(...t.keywords);
      model.triggers.files.push(...t.files);
      model.triggers.contexts.push(...t.contexts);
      return notLists;
    }
    case "budgets": {
      const { budgets, unread } = readBudgets(section.title, blocks, source);
      model.budgets.push(...budgets);
      for (const offset of unread) {
        model.diagnostics.push(
          diagnostic(
            "warning",
            RULES.bodyUnparsedBudget,
            "Unexpected budget line, expected `- **Metric**: value`; kept as written",
            file,
            index.position(offset),
          ),
        );
      }
      return notLists.filter((b) => !isTwoColumnTable(b, source));
    }
    case "workflows":
      model.workflows.push(readWorkflow(section.title, blocks, source));
      return notLists;
    case "mcpServers": {
      const { servers, read } = readMcpServers(blocks, source);
      model.mcpServers.push(...servers);
      return blocks.filter((b) => !read.has(b));
    }
    case "commands":
      // The explanations after each command are instructions too: the section stays as written.
      model.commands.push(...readCommands(blocks, source));
      return blocks;
  }
}
