import type { EntryField } from "../compose/fields.js";
import type { Budget, Item, Persona, Section, SectionField } from "../model/persona.js";

/**
 * The persona as plain data for templates: every list a template loops over and every verbatim
 * markdown remainder, with every key always present (the renderer runs Handlebars in `strict` mode,
 * where a missing key is an error). Templates only arrange prose; all decisions about what a section
 * carries are made here, once, for every markdown target.
 */
export interface PersonaView {
  id: string;
  title: string;
  description: string;
  /** Markdown before the first field: the preamble and the text under the H1, or the description. */
  intro: string;
  /** Fragments included at the start (`include:` … `at: start`), as written, after the intro. */
  opening: string;
  /** Fragments included at the end, as written, after everything else. */
  closing: string;
  identity: FieldView<string>;
  priorities: FieldView<string[]>;
  principles: FieldView<ItemView[]>;
  budgets: BudgetGroupView[];
  qualityStandards: FieldView<ItemView[]>;
  focusAreas: FieldView<string[]>;
  triggers: TriggersView;
  approach: FieldView<ItemView[]>;
  workflows: WorkflowView[];
  /** "MCP Server Preferences": one line per server, as the source writes it. */
  mcpServers: FieldView<McpServerView[]>;
  /** "Optimized Commands": `rest` holds the section as written (commands with their explanations). */
  commands: FieldView<string[]>;
  /** Sections no model field read, emitted as written. */
  sections: VerbatimSectionView[];
  /**
   * The whole body as written, every section in source order, when the persona's `layout` is
   * `verbatim`; "" otherwise. Templates emit it instead of the structured fields when it is set.
   */
  verbatim: string;
  placeholders: string[];
}

/** A model field with the heading it came under and the markdown of its sections it did not read. */
export interface FieldView<T> {
  heading: string;
  value: T;
  /** Markdown left over in the field's sections (prose, tables, code blocks), verbatim. */
  rest: string;
}

/** A principle, standard or approach step; `title` is "" when the source item had none. */
export interface ItemView {
  title: string;
  text: string;
}

/** An MCP server preference: `role` as a label ("Primary"), `note` "" when there is none. */
export interface McpServerView {
  role: string;
  name: string;
  note: string;
}

/** One budget section: a scannable table plus what the table could not hold. */
export interface BudgetGroupView {
  heading: string;
  rows: { metric: string; target: string; note: string }[];
  /** True when any row has a note, so the table shows a Note column only when it carries something. */
  hasNotes: boolean;
  /** Budget lines without a metric (`- keep it fast`), as written. */
  lines: string[];
  rest: string;
}

export interface TriggersView {
  heading: string;
  keywords: string[];
  files: string[];
  contexts: string[];
  rest: string;
}

export interface WorkflowView {
  heading: string;
  steps: { text: string; commands: string[] }[];
  rest: string;
}

/** A section emitted as written: its heading line (at least `##`) and its markdown. */
export interface VerbatimSectionView {
  heading: string;
  markdown: string;
}

// Headings used when a field was filled from an inline `**Identity**:` line rather than a section.
const DEFAULT_HEADINGS: Record<Exclude<SectionField, "title" | "budgets" | "workflows">, string> = {
  identity: "Identity",
  priorities: "Priority Hierarchy",
  principles: "Core Principles",
  qualityStandards: "Quality Standards",
  focusAreas: "Focus Areas",
  triggers: "Auto-Activation Triggers",
  approach: "Analysis Approach",
  mcpServers: "MCP Server Preferences",
  commands: "Optimized Commands",
};

// Continuation lines of a list item are re-indented to this width so nested lists and paragraphs
// stay inside the item whatever marker the template uses (`- `, `1. `, `10. `).
const ITEM_INDENT = 4;

/** Builds the template view of a persona. Pure; the same persona always gives the same view. */
export function buildPersonaView(persona: Persona): PersonaView {
  // A fragment's sections render as written where the fragment stands; the fields below hold
  // only the persona's own entries, so nothing a fragment says is rendered twice.
  const sections = persona.sections.filter((s) => s.at === undefined);
  const own = ownEntries(persona);
  const of = (field: SectionField) => sections.filter((s) => s.field === field);
  const field = <T>(name: keyof typeof DEFAULT_HEADINGS, value: T): FieldView<T> => ({
    heading: of(name)[0]?.title || DEFAULT_HEADINGS[name],
    value,
    rest: joinBlocks(of(name).map((s) => s.rest)),
  });
  const introParts = sections.filter((s) => s.depth === 0 || s.field === "title").map((s) => s.rest);
  const intro = joinBlocks(introParts);
  const opening = asWritten(persona.sections.filter((s) => s.at === "start"));
  return {
    id: persona.id,
    title: persona.title,
    description: persona.description,
    // Without text of its own before the first field, a persona opens with its description, unless
    // that is its identity, shown just below (a multi-persona file's persona).
    intro: intro !== "" || opening !== "" || persona.description === persona.identity ? intro : persona.description,
    opening,
    closing: asWritten(persona.sections.filter((s) => s.at === "end")),
    identity: field("identity", persona.identity ?? ""),
    priorities: field("priorities", own.priorities),
    principles: field("principles", own.principles.map(itemView)),
    budgets: budgetGroups(of("budgets"), own.budgets),
    qualityStandards: field("qualityStandards", own.qualityStandards.map(itemView)),
    focusAreas: field("focusAreas", own.focusAreas),
    triggers: triggersView(persona, of("triggers")),
    approach: field("approach", own.approach.map(itemView)),
    workflows: of("workflows").map((s, i) => ({
      heading: own.workflows[i]?.title ?? s.title,
      steps: (own.workflows[i]?.steps ?? []).map((step) => ({
        text: reindent(step.text),
        commands: step.commands,
      })),
      rest: s.rest,
    })),
    mcpServers: field(
      "mcpServers",
      own.mcpServers.map((m) => ({ role: capitalize(m.role), name: m.name, note: m.note ?? "" })),
    ),
    commands: field("commands", own.commands),
    sections: verbatimSections(sections),
    // Every section in source order, fragments included where they stand.
    verbatim: persona.layout === "verbatim" ? joinBlocks(persona.sections.map((s) => s.markdown)) : "",
    placeholders: persona.placeholders,
  };
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** The persona's own entries of each list: what its included fragments gave is cut off both ends. */
function ownEntries(persona: Persona): Pick<Persona, EntryField> {
  const included = persona.source.included ?? [];
  const count = (at: "start" | "end", field: EntryField) =>
    included.filter((f) => f.at === at).reduce((sum, f) => sum + (f.entries[field] ?? 0), 0);
  const slice = <F extends EntryField>(field: F): Persona[F] => {
    const list = persona[field];
    return list.slice(count("start", field), list.length - count("end", field)) as Persona[F];
  };
  return {
    priorities: slice("priorities"),
    principles: slice("principles"),
    qualityStandards: slice("qualityStandards"),
    focusAreas: slice("focusAreas"),
    approach: slice("approach"),
    budgets: slice("budgets"),
    workflows: slice("workflows"),
    mcpServers: slice("mcpServers"),
    commands: slice("commands"),
  };
}

/**
 * Sections as they were written, for an included fragment: its preamble as is, each heading at
 * level 2 or deeper (the persona's H1 is the only H1), each section's text verbatim.
 */
function asWritten(sections: readonly Section[]): string {
  return joinBlocks(
    sections.map((s) => {
      if (s.depth === 0) return s.markdown.trim();
      const [first = "", ...body] = s.markdown.split("\n");
      const atx = ATX_HEADING.exec(first);
      if (!atx?.[1]) return s.markdown.trim();
      return joinBlocks([`${"#".repeat(Math.max(2, s.depth))} ${atx[1].trim()}`, body.join("\n").trim()]);
    }),
  );
}

function itemView(item: Item): ItemView {
  return { title: item.title ?? "", text: reindent(item.text) };
}

function triggersView(persona: Persona, from: readonly Section[]): TriggersView {
  return {
    heading: from[0]?.title || DEFAULT_HEADINGS.triggers,
    keywords: persona.triggers.keywords,
    files: persona.triggers.files,
    contexts: persona.triggers.contexts,
    rest: joinBlocks(from.map((s) => s.rest)),
  };
}

/**
 * Budget sections in source order, each with the budgets it produced. The parser appends budgets
 * section by section with `group` set to the section title, so walking both lists in step assigns
 * every budget to its own section even when two sections share a title.
 */
function budgetGroups(from: readonly Section[], budgets: readonly Budget[]): BudgetGroupView[] {
  let next = 0;
  return from.map((section) => {
    const own: Budget[] = [];
    while (next < budgets.length && budgets[next]?.group === section.title) own.push(budgets[next++] as Budget);
    const rows = own.filter((b) => b.metric !== "").map(budgetRow);
    return {
      heading: section.title,
      rows,
      hasNotes: rows.some((r) => r.note !== ""),
      lines: own.filter((b) => b.metric === "").map((b) => reindent(b.raw)),
      rest: section.rest,
    };
  });
}

/** Metric | Target | Note: the value without its trailing "(note)", which gets its own column. */
function budgetRow(budget: Budget): { metric: string; target: string; note: string } {
  const note = budget.note ?? "";
  const target = note === "" ? budget.raw : budget.raw.replace(/\s*\([^()]*\)\s*$/, "");
  return { metric: budget.metric, target: target.trim(), note };
}

/**
 * Sections no field read (other than the H1 and the preamble, which form the intro). A heading is
 * kept when its section has text of its own or a deeper unread section below it has, so a parent
 * heading such as `## Guidelines` over `### Naming` survives while empty wrappers do not.
 */
function verbatimSections(sections: readonly Section[]): VerbatimSectionView[] {
  const candidates = sections.filter((s) => s.field === undefined && s.depth > 0);
  const keep = candidates.map((s, i) => {
    if (s.rest !== "") return true;
    for (const below of candidates.slice(i + 1)) {
      if (below.depth <= s.depth) return false;
      if (below.rest !== "") return true;
    }
    return false;
  });
  return candidates
    .filter((_, i) => keep[i])
    .map((s) => ({ heading: `${"#".repeat(Math.max(2, s.depth))} ${headingText(s)}`, markdown: s.rest }));
}

/** The heading's own markdown for an ATX heading (keeps inline code and links), else its title. */
function headingText(section: Section): string {
  const first = section.markdown.split("\n", 1)[0] ?? "";
  const atx = ATX_HEADING.exec(first);
  return atx?.[1] && atx[1].trim() !== "" ? atx[1].trim() : section.title;
}

/** An ATX heading line; group 1 is its text without the closing hashes. */
const ATX_HEADING = /^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;

function joinBlocks(parts: readonly string[]): string {
  return parts.filter((p) => p.trim() !== "").join("\n\n");
}

/**
 * Re-indents the continuation lines of a list item's markdown to `ITEM_INDENT` spaces, keeping their
 * indentation relative to each other. The parser slices item text from the source, where
 * continuation lines are indented for the source's marker width; the output marker may differ.
 */
export function reindent(text: string): string {
  const lines = text.split("\n");
  if (lines.length === 1) return text;
  const rest = lines.slice(1);
  const widths = rest.filter((l) => l.trim() !== "").map((l) => /^ */.exec(l)?.[0].length ?? 0);
  const common = widths.length === 0 ? 0 : Math.min(...widths);
  const pad = " ".repeat(ITEM_INDENT);
  return [lines[0], ...rest.map((l) => (l.trim() === "" ? "" : pad + l.slice(common)))].join("\n");
}
