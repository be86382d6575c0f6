import { compareStrings } from "../diagnostics/diagnostic.js";
import { NONE } from "./none.js";
import type { LiteralKeyword, WordsKeyword } from "./prepare.js";
import { stem, type Token } from "./words.js";

/** The request as keyword matching sees it: its text, its words, and where each stem occurs. */
export interface KeywordText {
  request: string;
  tokens: readonly Token[];
  /** The indexes in `tokens` of each stem, ascending. */
  at: ReadonlyMap<string, readonly number[]>;
  /** The indexes of neighbours that read as one word when joined ("clean up" → "cleanup"), by that word's stem. */
  joinedAt: ReadonlyMap<string, readonly number[]>;
}

function push(map: Map<string, number[]>, key: string, i: number): void {
  const list = map.get(key);
  if (list) list.push(i);
  else map.set(key, [i]);
}

/** Indexes the request's words for keyword matching. */
export function keywordText(request: string, tokens: readonly Token[]): KeywordText {
  const at = new Map<string, number[]>();
  const joinedAt = new Map<string, number[]>();
  tokens.forEach((t, i) => {
    push(at, t.stem, i);
    const next = tokens[i + 1];
    // Only words a single space or hyphen apart are one word split ("clean up", "re-render").
    if (next && /^[ -]$/.test(request.slice(t.offset + t.text.length, next.offset))) {
      push(joinedAt, stem(t.lower + next.lower), i);
    }
  });
  return { request, tokens, at, joinedAt };
}

/** A keyword found in the request: where, as what text, and the stems of the request's words it covers. */
export interface KeywordMatch {
  keyword: string;
  match: string;
  offset: number;
  stems: string[];
}

/** Whether the keyword's words follow each other from word `i` of the request, each in any of its forms. */
function phraseAt(k: WordsKeyword, tokens: readonly Token[], i: number): boolean {
  for (let j = 1; j < k.words.length; j++) {
    const t = tokens[i + j];
    if (!t || !k.words[j]?.includes(t.stem)) return false;
  }
  return true;
}

/** The earliest index in `map` of any of `keys` below `limit` (where `phrase` holds, if given). */
function earliest(
  map: ReadonlyMap<string, readonly number[]>,
  keys: readonly string[],
  limit: number,
  phrase?: { k: WordsKeyword; tokens: readonly Token[] },
): number {
  let best = limit;
  for (const key of keys) {
    const found = map.get(key);
    if (!found) continue;
    for (const i of found) {
      if (i >= best) break;
      if (!phrase || phraseAt(phrase.k, phrase.tokens, i)) {
        best = i;
        break;
      }
    }
  }
  return best;
}

function matchWords(k: WordsKeyword, text: KeywordText): KeywordMatch | undefined {
  const { tokens, at, joinedAt } = text;
  const n = k.words.length;
  const none = tokens.length;
  // The keyword's words in order, each in any of its forms ("edge cases" for `edge case`).
  const phrase = earliest(at, k.words[0] ?? [], none, n > 1 ? { k, tokens } : undefined);
  // The keyword written as one word where the request writes two, or the other way round.
  const joined = n === 1 ? earliest(joinedAt, k.joined, phrase) : earliest(at, k.joined, phrase);
  const start = Math.min(phrase, joined);
  if (start === none) return undefined;
  const end = start === phrase ? start + n - 1 : n === 1 ? start + 1 : start;
  const first = tokens[start] as Token;
  const last = tokens[end] as Token;
  const covered = tokens.slice(start, end + 1).map((t) => t.stem);
  return {
    keyword: k.keyword,
    match: text.request.slice(first.offset, last.offset + last.text.length),
    offset: first.offset,
    stems: covered,
  };
}

function matchLiteral(k: LiteralKeyword, text: KeywordText): KeywordMatch | undefined {
  const m = k.pattern.exec(text.request);
  if (!m) return undefined;
  const end = m.index + m[0].length;
  const stems = text.tokens.filter((t) => t.offset >= m.index && t.offset < end).map((t) => t.stem);
  return { keyword: k.keyword, match: m[0], offset: m.index, stems };
}

/**
 * The persona's keywords found in the request, each once (at its first match), by offset. A
 * keyword of words matches the request's words in order in any of their forms ("edge cases" for
 * `edge case`), or written as one word where the other writes two ("clean up" for `cleanup`); a
 * keyword with symbols matches as written, ignoring case, on word boundaries.
 */
export function keywordMatches(
  keywords: readonly (WordsKeyword | LiteralKeyword)[],
  text: KeywordText,
): readonly KeywordMatch[] {
  let matches: KeywordMatch[] | undefined;
  for (const k of keywords) {
    const m = k.kind === "words" ? matchWords(k, text) : matchLiteral(k, text);
    if (!m) continue;
    matches ??= [];
    matches.push(m);
  }
  // Most personas match nothing; not allocating for them keeps a request over many personas cheap.
  return matches ? matches.sort((a, b) => a.offset - b.offset || compareStrings(a.keyword, b.keyword)) : NONE;
}
