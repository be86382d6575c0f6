import type { Budget, Persona, Section, SectionField, Workflow } from "../model/persona.js";
import { mergeUnique } from "../parse/extract-triggers.js";
import { feeds, LIST_FIELDS } from "./fields.js";

/** Fields a persona can state by a section; one that states it replaces the parent's whole field. */
const REPLACED_FIELDS = [...LIST_FIELDS, "identity", "triggers"] as const satisfies readonly SectionField[];

/**
 * A persona that `extends:` another, made whole (DESIGN.md §8): it starts from the parent's model,
 * and its own sections and fields replace or add to the parent's. A section with the parent's title
 * (compared without case) takes that section's place; the H1 takes the parent's H1's place; other
 * sections follow the parent's. A field the child states (principles, triggers, …) replaces the
 * parent's whole field, and the parent's sections that fed it go; budgets and workflows follow
 * their sections. Frontmatter values the child gives win; target options merge key by key.
 *
 * `parent` is the parent as composed so far (its own parents already applied).
 */
export function extendPersona(parent: Persona, child: Persona): Persona {
  const stated = new Set(REPLACED_FIELDS.filter((f) => statesField(child, f)));
  // Each parent section as placed here, mapped to the parent's own (to find its budgets and workflow).
  const origin = new Map<Section, Section>();
  const merged: Section[] = parent.sections.map((s) => {
    const placed = { ...s, source: s.source ?? parent.source.path };
    origin.set(placed, s);
    return placed;
  });
  for (const s of child.sections) {
    const at = merged.findIndex((p) => origin.has(p) && sameSlot(p, s));
    if (at === -1) merged.push(s);
    else merged[at] = s.field === "title" ? withInline(s, merged[at] as Section, stated) : s;
  }
  // The parent's sections that fed a field the child states go: the child's value replaces them.
  const sections: Section[] = [];
  for (const s of merged) {
    const own = origin.get(s);
    if (own === undefined) {
      sections.push(s);
      continue;
    }
    const kept = withoutStated(s, stated);
    if (kept === undefined) continue;
    origin.set(kept, own);
    sections.push(kept);
  }

  const out: Persona = {
    ...parent,
    id: child.id,
    title: child.sections.some((s) => s.field === "title") ? child.title : parent.title,
    description: child.description !== "" ? child.description : parent.description,
    targets: mergeTargets(parent.targets, child.targets),
    meta: { ...parent.meta, ...child.meta },
    sections,
    source: {
      ...child.source,
      dependencies: [
        ...(child.source.dependencies ?? []),
        { path: parent.source.path, sha256: parent.source.sha256 },
        ...(parent.source.dependencies ?? []),
      ],
    },
  };
  for (const field of LIST_FIELDS) if (stated.has(field)) setList(out, child, field);
  if (stated.has("triggers")) out.triggers = child.triggers;
  if (stated.has("identity") && child.identity !== undefined) out.identity = child.identity;
  out.budgets = perSection(sections, origin, parent, child, budgetsOf);
  out.workflows = perSection(sections, origin, parent, child, workflowOf);
  const placeholders = [...parent.placeholders];
  mergeUnique(placeholders, child.placeholders);
  out.placeholders = placeholders;
  if (child.tools !== undefined) out.tools = child.tools;
  if (child.model !== undefined) out.model = child.model;
  if (child.include !== undefined) out.include = child.include;
  else delete out.include;
  if (child.extends !== undefined) out.extends = child.extends;
  if (child.layout !== undefined) out.layout = child.layout;
  return out;
}

function setList<F extends (typeof LIST_FIELDS)[number]>(out: Persona, child: Persona, field: F): void {
  out[field] = child[field];
}

/** True when the child states a field: a section or `**Label**:` line feeds it, or (triggers) its frontmatter does. */
function statesField(child: Persona, field: SectionField): boolean {
  if (child.sections.some((s) => feeds(s, field))) return true;
  if (field === "triggers") return child.source.positions?.triggers !== undefined;
  return false;
}

/**
 * A parent section with the fields the child states taken out: a section that fed one goes
 * (the child's value replaces it), a `**Label**:` line's field is no longer placed there.
 */
function withoutStated(s: Section, stated: ReadonlySet<SectionField>): Section | undefined {
  if (s.field !== undefined && s.field !== "title" && stated.has(s.field)) return undefined;
  const inline = (s as { inline?: SectionField[] }).inline;
  if (inline === undefined || !inline.some((f) => stated.has(f))) return s;
  return { ...s, inline: inline.filter((f) => !stated.has(f)) } as Section;
}

/** The child's H1 takes the parent's place, and keeps where the parent's inline fields stood. */
function withInline(child: Section, parent: Section, stated: ReadonlySet<SectionField>): Section {
  const own = (child as { inline?: SectionField[] }).inline ?? [];
  const inherited = ((parent as { inline?: SectionField[] }).inline ?? []).filter((f) => !stated.has(f));
  if (inherited.length === 0) return child;
  return { ...child, inline: [...own, ...inherited.filter((f) => !own.includes(f))] } as Section;
}

/** True when a child section takes the place of a parent section. */
function sameSlot(parent: Section, child: Section): boolean {
  if (child.field === "title" || parent.field === "title") return child.field === parent.field;
  if (child.depth === 0 || parent.depth === 0) return child.depth === parent.depth;
  return normalize(parent.title) === normalize(child.title);
}

function normalize(title: string): string {
  return title.trim().replace(/\s+/g, " ").toLowerCase();
}

/** Each section's budgets or workflow, from the persona it came from, in the merged order. */
function perSection<T>(
  sections: readonly Section[],
  origin: ReadonlyMap<Section, Section>,
  parent: Persona,
  child: Persona,
  of: (persona: Persona, section: Section) => T[],
): T[] {
  return sections.flatMap((s) => {
    const own = origin.get(s);
    return own !== undefined ? of(parent, own) : of(child, s);
  });
}

function budgetsOf(persona: Persona, section: Section): Budget[] {
  if (section.field !== "budgets") return [];
  // Budget groups are named by their section's title; two sections of one title share their rows
  // in order, so the n-th such section takes the n-th run of rows.
  const sameTitle = persona.sections.filter((s) => s.field === "budgets" && s.title === section.title);
  const rows = persona.budgets.filter((b) => b.group === section.title);
  return sameTitle.length <= 1 ? rows : sameTitle.indexOf(section) === 0 ? rows : [];
}

function workflowOf(persona: Persona, section: Section): Workflow[] {
  if (section.field !== "workflows") return [];
  const at = persona.sections.filter((s) => s.field === "workflows").indexOf(section);
  const found = persona.workflows[at];
  return found === undefined ? [] : [found];
}

/** Target options: the parent's, with each of the child's keys over them. */
function mergeTargets(parent: Persona["targets"], child: Persona["targets"]): Persona["targets"] {
  const out: Persona["targets"] = { ...parent };
  for (const [id, options] of Object.entries(child)) out[id] = { ...(parent[id] ?? {}), ...options };
  return out;
}
