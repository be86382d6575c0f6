import type { Persona, Section, SectionField } from "../model/persona.js";

/**
 * How composition treats each field of the model. Every key of `Persona` is named here once: a
 * field added to the model without a rule fails to type-check (see `Unruled`), so composition
 * never drops a new field without anyone deciding.
 */

/** Fields read from sections and kept as lists: a fragment's come before or after the persona's. */
export const LIST_FIELDS = [
  "priorities",
  "principles",
  "qualityStandards",
  "focusAreas",
  "approach",
  "mcpServers",
  "commands",
] as const satisfies readonly (keyof Persona & SectionField)[];
export type ListField = (typeof LIST_FIELDS)[number];

/** Fields whose entries belong to one section each (a budget group, a workflow). */
export type PerSectionField = "budgets" | "workflows";

/** Every list a fragment adds entries to, in the order it stands (see `Source.included`). */
export const ENTRY_FIELDS = [...LIST_FIELDS, "budgets", "workflows"] as const;
export type EntryField = (typeof ENTRY_FIELDS)[number];

/** Fields a persona states about itself, never taken from a fragment. */
export type OwnField =
  | "id"
  | "title"
  | "description"
  | "tools"
  | "model"
  | "targets"
  | "meta"
  | "source"
  | "include"
  | "extends"
  | "layout";

type Ruled = ListField | PerSectionField | OwnField | "identity" | "triggers" | "placeholders" | "sections";
type Unruled = Exclude<keyof Persona, Ruled>;
// A compile-time check: `never` unless every model field has a rule above.
export const EVERY_FIELD_RULED: [Unruled] extends [never] ? true : Unruled = true;

/** True when a section feeds `field`, as a whole or by a `**Label**:` line inside it. */
export function feeds(section: Section, field: SectionField): boolean {
  if (section.field === field) return true;
  const inline = (section as { inline?: readonly string[] }).inline;
  return inline?.includes(field) === true;
}
