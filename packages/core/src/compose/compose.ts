import { posix } from "node:path";
import { type Diagnostic, diagnostic, hasErrors, type Position } from "../diagnostics/diagnostic.js";
import { MESSAGES, RULES } from "../diagnostics/rules.js";
import type { Persona } from "../model/persona.js";
import { sourceHash } from "../parse/text.js";
import { type ParseResult, parsePersona } from "../parse-persona.js";
import { extendPersona } from "./extend.js";
import { fillVariables } from "./fill.js";
import { includeFragments, type PlacedFragment } from "./include.js";

/**
 * What composition asks of its caller: the personas a persona may extend and the fragments it may
 * include. Core reads no files; the CLI answers from the project (and refuses paths that leave it).
 */
export interface CompositionHost {
  /**
   * The persona with this id as parsed from its own file, not yet composed; `"invalid"` when its
   * file has errors (reported there), undefined when there is none.
   */
  persona(id: string): Persona | "invalid" | undefined;
  /**
   * The text of the fragment at this path (relative to the project root, `/`-separated), or why it
   * cannot be read ("does not exist", "is a symlink to a file outside the project").
   */
  fragment(path: string): { text: string } | { problem: string };
}

/** Options of `composePersona`. */
export interface ComposeOptions {
  /**
   * The config's `vars`: filled into fragments, where a `{{name}}` without a value is an error.
   * Without them, only a fragment's `{{id}}`, `{{title}}` and `{{description}}` are filled.
   */
  vars?: Readonly<Record<string, string>>;
  /** Fragments parsed so far, by path and filled text, shared across the personas of a build. */
  cache?: Map<string, ParseResult>;
}

/** True when a persona is made from more than its own file (`extends:` or `include:`). */
export function isComposed(persona: Persona): boolean {
  return persona.extends !== undefined || (persona.include?.length ?? 0) > 0;
}

/**
 * A persona made whole (DESIGN.md §8): the personas it extends applied first (the furthest
 * ancestor first), then every fragment of the chain placed — an ancestor's before the persona's
 * own — each filled with the composed persona's `{{id}}`, `{{title}}` and `{{description}}` and
 * the config's vars. `source.dependencies` lists every file it was made from, so build keys and
 * markers cover them. Problems are errors at their positions: a missing or invalid parent or a
 * cycle at the `extends` value; a fragment that is missing, leaves the project or includes itself
 * at its `include` entry; anything wrong inside a fragment where it is in the fragment's file.
 */
export function composePersona(
  persona: Persona,
  host: CompositionHost,
  options: ComposeOptions = {},
): { persona?: Persona; diagnostics: Diagnostic[] } {
  if (!isComposed(persona)) return { persona, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const chain = ancestry(persona, host, diagnostics);
  if (chain === undefined) return { diagnostics };

  let merged = chain[chain.length - 1] as Persona;
  for (let i = chain.length - 2; i >= 0; i--) merged = extendPersona(merged, chain[i] as Persona);

  const values: Record<string, string> = {
    ...(options.vars ?? {}),
    id: merged.id,
    title: merged.title,
    description: merged.description,
  };
  const context: Expansion = {
    host,
    values,
    strict: options.vars !== undefined,
    cache: options.cache ?? new Map(),
    diagnostics,
    dependencies: [],
  };
  const placed: PlacedFragment[] = [];
  const seen = new Set<string>();
  // An ancestor's fragments first, so a persona's own come nearest its own sections.
  for (const level of [...chain].reverse()) {
    for (const [i, entry] of (level.include ?? []).entries()) {
      const fragment = expand(level, i, entry.path, [persona.source.path, level.source.path], context);
      if (fragment === undefined || seen.has(fragment.source.path)) continue;
      seen.add(fragment.source.path);
      placed.push({ at: entry.at, fragment });
    }
  }
  if (hasErrors(diagnostics)) return { diagnostics };
  const composed = includeFragments(merged, placed);
  composed.source = {
    ...composed.source,
    dependencies: dedupe([...(merged.source.dependencies ?? []), ...context.dependencies]),
  };
  return { persona: composed, diagnostics };
}

/** The persona and the personas it extends, nearest first; undefined (with an error) when broken. */
function ancestry(persona: Persona, host: CompositionHost, diagnostics: Diagnostic[]): Persona[] | undefined {
  const chain = [persona];
  let current = persona;
  while (current.extends !== undefined) {
    const id = current.extends;
    const at = valueAt(persona, "extends");
    const fail = (message: string) => {
      diagnostics.push(diagnostic("error", RULES.composeParent, message, persona.source.path, at));
      return undefined;
    };
    if (chain.some((p) => p.id === id)) return fail(MESSAGES.extendsCycle([...chain.map((p) => p.id), id]));
    const parent = host.persona(id);
    if (parent === undefined) return fail(MESSAGES.extendsMissing(id, chain.length > 1 ? current.id : undefined));
    if (parent === "invalid") return fail(MESSAGES.extendsInvalid(id));
    chain.push(parent);
    current = parent;
  }
  return chain;
}

interface Expansion {
  host: CompositionHost;
  values: Record<string, string>;
  strict: boolean;
  cache: Map<string, ParseResult>;
  diagnostics: Diagnostic[];
  dependencies: { path: string; sha256: string }[];
}

/**
 * The fragment named by `from`'s `include` entry `index`, read, filled and parsed, with its own
 * fragments placed; undefined (with an error) when it cannot be. `stack` holds the files being
 * expanded, so a fragment that includes itself (or the persona) is caught.
 */
function expand(from: Persona, index: number, path: string, stack: readonly string[], context: Expansion) {
  const at = valueAt(from, `include.${index}`);
  const fail = (message: string) => {
    context.diagnostics.push(diagnostic("error", RULES.composeInclude, message, from.source.path, at));
    return undefined;
  };
  const target = resolveInclude(from.source.path, path);
  if (target === undefined) return fail(MESSAGES.includeOutside(path));
  if (stack.includes(target)) return fail(MESSAGES.includeSelf(path));
  const read = context.host.fragment(target);
  if ("problem" in read) return fail(MESSAGES.includeUnreadable(path, read.problem));
  context.dependencies.push({ path: target, sha256: sourceHash(read.text) });

  const filled = fillVariables(read.text, { path: target, values: context.values, strict: context.strict });
  context.diagnostics.push(...filled.diagnostics);
  const key = `${target}\0${filled.text}`;
  let parsed = context.cache.get(key);
  if (parsed === undefined) {
    parsed = parsePersona(filled.text, { path: target });
    context.cache.set(key, parsed);
  }
  // A fragment is not a persona: it needs no description of its own.
  context.diagnostics.push(...parsed.diagnostics.filter((d) => d.rule !== RULES.noDescription));
  const fragment = parsed.persona;
  if (fragment === undefined) return undefined;
  if (fragment.extends !== undefined) {
    context.diagnostics.push(
      diagnostic("error", RULES.composeInclude, MESSAGES.fragmentExtends(), target, valueAt(fragment, "extends")),
    );
    return undefined;
  }
  const nested: PlacedFragment[] = [];
  for (const [i, entry] of (fragment.include ?? []).entries()) {
    const inner = expand(fragment, i, entry.path, [...stack, target], context);
    if (inner !== undefined) nested.push({ at: entry.at, fragment: inner });
  }
  return includeFragments(fragment, nested);
}

/**
 * A fragment's path: `path` is relative to the including file, whose path is relative to the
 * project root (or absolute, when the caller names files so; its host then checks the root).
 * Undefined when it leaves the project: an absolute `path`, or `../` past the root.
 */
export function resolveInclude(from: string, path: string): string | undefined {
  if (posix.isAbsolute(path) || /^[A-Za-z]:[\\/]/.test(path) || path.includes("\\")) return undefined;
  const joined = posix.normalize(posix.join(posix.dirname(from), path));
  if (!posix.isAbsolute(from) && (joined === ".." || joined.startsWith("../"))) return undefined;
  return joined;
}

function valueAt(persona: Persona, key: string): Position {
  const positions = persona.source.positions;
  return positions?.[key]?.value ?? positions?.[key.split(".")[0] as string]?.key ?? { line: 1, column: 1 };
}

function dedupe<T extends { path: string }>(list: readonly T[]): T[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    if (seen.has(d.path)) return false;
    seen.add(d.path);
    return true;
  });
}
