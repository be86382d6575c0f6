import type { Persona, Section, Triggers } from "../model/persona.js";
import { mergeUnique } from "../parse/extract-triggers.js";
import { ENTRY_FIELDS, LIST_FIELDS } from "./fields.js";

/** A parsed fragment and where it goes: before (`start`) or after (`end`) the persona's sections. */
export interface PlacedFragment {
  at: "start" | "end";
  /** The fragment as `parsePersona` read it (its path is `source.path`). */
  fragment: Persona;
}

/**
 * A persona with its fragments placed (DESIGN.md §8): their sections stand before or after its own,
 * in the order given, and what they say joins the model — list fields (principles, workflows,
 * budgets…) in the same order as the sections, triggers and placeholders without repeats. What the
 * persona says about itself (id, title, description, tools, model, target options) stays its own;
 * its identity wins over a fragment's. Each fragment section keeps the fragment's path in `source`,
 * so targets and diagnostics can tell where it came from.
 */
export function includeFragments(persona: Persona, fragments: readonly PlacedFragment[]): Persona {
  if (fragments.length === 0) return persona;
  const start = fragments.filter((f) => f.at === "start");
  const end = fragments.filter((f) => f.at === "end");
  const parts = [
    ...start.map((f) => asPart(f.fragment, "start")),
    persona,
    ...end.map((f) => asPart(f.fragment, "end")),
  ];
  const out: Persona = { ...persona, sections: parts.flatMap((p) => p.sections) };
  const included = [...start, ...end].map(({ at, fragment }) => ({
    path: fragment.source.path,
    at,
    entries: Object.fromEntries(ENTRY_FIELDS.map((field) => [field, fragment[field].length])),
  }));
  out.source = { ...persona.source, included: [...(persona.source.included ?? []), ...included] };
  for (const field of LIST_FIELDS) setList(out, field, parts);
  out.budgets = parts.flatMap((p) => p.budgets);
  out.workflows = parts.flatMap((p) => p.workflows);
  out.triggers = joinTriggers(parts.map((p) => p.triggers));
  const placeholders: string[] = [];
  for (const p of parts) mergeUnique(placeholders, p.placeholders);
  out.placeholders = placeholders;
  const identity = persona.identity ?? fragments.find((f) => f.fragment.identity !== undefined)?.fragment.identity;
  if (identity !== undefined) out.identity = identity;
  return out;
}

function setList<F extends (typeof LIST_FIELDS)[number]>(out: Persona, field: F, parts: readonly Persona[]): void {
  const joined: unknown[] = [];
  for (const p of parts) joined.push(...p[field]);
  out[field] = joined as Persona[F];
}

/**
 * A fragment's sections as they stand in a persona: its H1 is an ordinary heading there (the
 * persona has its own title), and every section names the fragment as its source.
 */
function asPart(fragment: Persona, at: "start" | "end"): Persona {
  const sections = fragment.sections.map((s): Section => {
    const placed: Section = { ...s, source: s.source ?? fragment.source.path, at };
    if (placed.field === "title") delete placed.field;
    return placed;
  });
  return { ...fragment, sections };
}

/** Triggers of several parts, each list in order without repeats. */
export function joinTriggers(all: readonly Triggers[]): Triggers {
  const out: Triggers = { keywords: [], files: [], contexts: [] };
  for (const t of all) {
    mergeUnique(out.keywords, t.keywords);
    mergeUnique(out.files, t.files);
    mergeUnique(out.contexts, t.contexts);
  }
  return out;
}
