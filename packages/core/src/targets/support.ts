import { sourcesOf } from "../build-key.js";
import { type Diagnostic, diagnostic, type Position, type Severity } from "../diagnostics/diagnostic.js";
import { MESSAGES, RULES } from "../diagnostics/rules.js";
import type { Persona, SectionField } from "../model/persona.js";
import type { Renderer } from "../render/renderer.js";
import { emit, type Output, type TargetFile } from "./define-target.js";
import { buildPersonaView, type PersonaView } from "./persona-view.js";
import { singleLine } from "./values.js";
import type { ModelVocabulary } from "./vocabulary.js";

/**
 * Plumbing shared by the targets: per-persona diagnostics, option validation, the activation-cue
 * description, glob lists and body rendering. Target-specific rules stay in each target's file.
 */

/**
 * Descriptions longer than this get a warning. Claude Code documents no limit but reports that
 * verbose descriptions hurt delegation (TARGETS.md §1.1, anthropics/claude-code#12958); 1,024 is
 * the Agent Skills limit (§1.2), the closest documented bound for a routing description.
 */
export const DESCRIPTION_WARN_LENGTH = 1024;

/**
 * What in a persona's source caused a compile diagnostic: frontmatter keys (dotted paths such as
 * `targets.claude.model`), tried in order, then the first section feeding a model field.
 */
export interface Cause {
  keys?: readonly string[];
  field?: SectionField;
}

/**
 * Where a cause sits in the persona's source: the first key it names that the frontmatter has,
 * else the first section of its field, else the persona's title, else the top of the file.
 */
export function positionOf(persona: Persona, cause: Cause): Position {
  const positions = persona.source.positions;
  for (const key of cause.keys ?? []) {
    const at = positions?.[key];
    if (at) return at.key;
  }
  for (const field of [cause.field, "title" as const]) {
    const line = persona.sections.find((s) => s.field !== undefined && s.field === field)?.line;
    if (line !== undefined) return { line, column: 1 };
  }
  return { line: 1, column: 1 };
}

/** A diagnostic about a persona, at what caused it (see `Cause`). */
export function personaDiagnostic(
  persona: Persona,
  severity: Severity,
  rule: string,
  message: string,
  cause: Cause = {},
): Diagnostic {
  return diagnostic(severity, rule, message, persona.source.path, positionOf(persona, cause));
}

/**
 * The description a tool delegates on: the persona's description, then its activation cues —
 * keywords, file globs and contexts — as one line. Claude Code picks subagents from this text alone
 * (TARGETS.md §1.1), and Cursor's agent-requested rules and Copilot's agent picker read it too.
 */
export function activationDescription(persona: Persona): string {
  const base = singleLine(persona.description) || persona.title;
  const cues = activationCues(persona);
  if (cues.length === 0) return base;
  const stop = /[.!?]$/.test(base) ? "" : ".";
  return `${base}${stop} Use when: ${cues.join("; ")}.`;
}

/** When a persona applies, as short phrases: its keywords, its file globs, then its contexts. */
export function activationCues(persona: Persona): string[] {
  const { keywords, files, contexts } = persona.triggers;
  return [
    ...(keywords.length > 0 ? [`the request mentions ${keywords.join(", ")}`] : []),
    ...(files.length > 0 ? [`working on files matching ${files.join(", ")}`] : []),
    ...contexts.map((c) => singleLine(c).replace(/[.;:,]+$/, "")),
  ].filter((c) => c !== "");
}

/** Warns when a description is longer than tools handle well. */
export function checkDescription(
  persona: Persona,
  description: string,
  what: string,
  into: Diagnostic[],
  keys: readonly string[] = ["description"],
): void {
  if (description.length <= DESCRIPTION_WARN_LENGTH) return;
  const message = MESSAGES.targetLimit(
    what,
    description.length,
    DESCRIPTION_WARN_LENGTH,
    "long descriptions make the tool pick the persona less reliably; shorten `description` or set a per-target one",
  );
  into.push(personaDiagnostic(persona, "warning", RULES.targetLimit, message, { keys }));
}

/**
 * Globs for formats that store them comma-joined in one string (Cursor `globs`, Copilot `applyTo`):
 * both tools split on commas, so a brace list `**\/*.{ts,tsx}` is expanded into separate globs,
 * and a glob that still holds a comma, a line break or a leading quote is reported and dropped.
 */
export function commaGlobs(
  globs: readonly string[],
  persona: Persona,
  into: Diagnostic[],
  keys: readonly string[] = [],
): string[] {
  const out: string[] = [];
  for (const glob of globs.flatMap((g) => expandBraces(g.trim()))) {
    const problem = /[\r\n\t]/.test(glob)
      ? "a line break or tab cannot be written in a one-line glob list"
      : glob.includes(",")
        ? "the tool splits globs on commas"
        : /^["']/.test(glob)
          ? "Cursor keeps quote characters as part of the glob"
          : undefined;
    if (problem === undefined) {
      if (glob !== "" && !out.includes(glob)) out.push(glob);
      continue;
    }
    const cause = { keys: [...keys, "globs", "applyTo", "triggers.files"], field: "triggers" as const };
    into.push(personaDiagnostic(persona, "error", RULES.targetInvalidGlob, MESSAGES.targetGlob(glob, problem), cause));
  }
  return out;
}

const MAX_EXPANSION = 64;

/** Expands `{a,b}` groups (innermost first), bounded so a hostile glob cannot explode. */
export function expandBraces(glob: string): string[] {
  let results = [glob];
  for (let round = 0; round < MAX_EXPANSION; round++) {
    let changed = false;
    const next: string[] = [];
    for (const g of results) {
      const m = /\{([^{}]*,[^{}]*)\}/.exec(g);
      if (!m) {
        next.push(g);
        continue;
      }
      changed = true;
      for (const alt of (m[1] ?? "").split(",")) next.push(g.slice(0, m.index) + alt + g.slice(m.index + m[0].length));
    }
    results = next.slice(0, MAX_EXPANSION);
    if (!changed) break;
  }
  return results;
}

// The last persona's view: a compile renders every target of one persona before the next, and they
// all render this same view, so the renderer's memo (keyed by template source and view identity)
// renders a body once however many targets share it. Only the last one is kept: a view per live
// persona (a WeakMap) held every view, and through the memo every rendered body, for as long as
// `persona mcp` served its personas (26 MB at 10,000).
let last: { persona: Persona; view: PersonaView } | undefined;

/** Renders a target's body template over the persona view; diagnostics come from the renderer. */
export function renderBody(
  render: Renderer,
  template: string,
  persona: Persona,
): { text?: string; diagnostics: Diagnostic[] } {
  if (last?.persona !== persona) last = { persona, view: buildPersonaView(persona) };
  return render.render(template, last.view);
}

/** Keeps the first of identical diagnostics (see `dedupeDiagnostics`). */
export { dedupeDiagnostics as dedupe } from "../diagnostics/diagnostic.js";

/** A persona's own file of `output`: named after its id, its marker naming its sources. */
export function personaFile<Doc>(output: Output<Doc>, persona: Persona, doc: NoInfer<Doc>): TargetFile {
  return emit(output, doc, { personaId: persona.id, sources: sourcesOf(persona).map((s) => s.path) });
}

/**
 * An info diagnostic: persona left values out of a tool's file because the tool has no
 * equivalent for them (TARGETS.md §8: copied, they would be rejected or misread). Points at the
 * frontmatter keys they came from.
 */
export function leftOut(
  persona: Persona,
  tool: string,
  what: string,
  values: readonly string[],
  why: string,
  keys: readonly string[],
): Diagnostic {
  const message = MESSAGES.leftOut(what, values, tool, why);
  return personaDiagnostic(persona, "info", RULES.targetLeftOut, message, { keys });
}

/**
 * The persona's model for a tool whose model ids match `pattern`: an override wins as written;
 * the persona's own `model` is taken only when the tool would understand it, else it is left out
 * with an info diagnostic (a Claude alias such as `sonnet` is not a Codex or opencode model).
 */
export function mappedModel(
  persona: Persona,
  override: string | undefined,
  models: ModelVocabulary,
  tool: string,
  target: string,
  into: Diagnostic[],
): string | undefined {
  if (override !== undefined) return override;
  if (persona.model === undefined) return undefined;
  if (models.pattern.test(persona.model)) return persona.model;
  const why = `${tool} takes ${models.takes}; set \`targets.${target}.model\` to choose one`;
  into.push(leftOut(persona, tool, "model", [persona.model], why, ["model"]));
  return undefined;
}
