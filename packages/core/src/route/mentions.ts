/** A persona named in the request: the text that names it, where, and the name it gives. */
export interface Mention {
  /** The mention as written: `@qa` or `--persona-qa`. */
  text: string;
  offset: number;
  /** The name after `@` or `--persona-`, lower-cased. */
  name: string;
}

// `@name` starts a word (so "me@qa.dev" is an address, not a mention) and `--persona-name` starts an
// option; a name is an id's characters and ends where they end, so "@qa." at the end of a sentence
// still names qa but "@qa.dev" does not.
const MENTION = /(?<![\p{L}\p{N}_@.-])(?:@|--persona-)([a-z0-9]+(?:-[a-z0-9]+)*)(?![\p{L}\p{N}_-]|\.[\p{L}\p{N}_])/giu;

/**
 * The explicit persona mentions of a request: `@<id>` and `--persona-<id>` (SuperClaude's flag
 * syntax), in request order. Whether a name is a persona's id is decided by the caller.
 */
export function findMentions(request: string): Mention[] {
  return [...request.matchAll(MENTION)].map((m) => ({
    text: m[0],
    offset: m.index,
    name: (m[1] ?? "").toLowerCase(),
  }));
}

/**
 * The id a mention names among `ids`: the name itself, else the name with a `persona-` prefix, so
 * that `--persona-analyzer` names a persona whose id is `analyzer`, or else one whose id is
 * `persona-analyzer` (a file named after the flag, as SuperClaude's are).
 */
export function mentionedId(name: string, ids: ReadonlySet<string>): string | undefined {
  if (ids.has(name)) return name;
  return ids.has(`persona-${name}`) ? `persona-${name}` : undefined;
}
