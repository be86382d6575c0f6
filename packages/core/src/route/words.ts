import { comparative, superlative } from "en-inflectors/dist/adjective/transform.js";
import { stem as porter2 } from "porter2";

/** A word of a text: its position, its lower-case form and its Porter2 stem. */
export interface Token {
  /** The word as the text writes it. */
  text: string;
  /** UTF-16 offset of the word in the text. */
  offset: number;
  /** Lower-case form (`toLowerCase`, the same in every locale). */
  lower: string;
  /** The Porter2 stem of `lower`: "testing", "tests" and "test" all have the stem "test". */
  stem: string;
}

// Letters, marks, digits and `_` are word characters in every script, unlike `\b`, which is ASCII-only
// even with the `u` flag ("café" would otherwise end a word before "é").
export const WORD_CHAR = String.raw`[\p{L}\p{M}\p{N}_]`;
const WORD = new RegExp(`${WORD_CHAR}+`, "gu");

// Stemming is pure and the vocabulary of requests and personas is small, so stems are memoised; the
// bound keeps a long-running MCP server from growing without limit on adversarial requests.
const STEM_CACHE_LIMIT = 50_000;
const stems = new Map<string, string>();
const formsCache = new Map<string, readonly string[]>();

/**
 * The stem of a lower-case word by the Porter2 ("English") stemmer of Snowball
 * (https://snowballstem.org/algorithms/english/stemmer.html), from the `porter2` package:
 * "accessibility" and "accessible" → "access", "deploy", "deploying" and "deployments" → "deploy"
 * (the original Porter algorithm stems "deploy" to "deploi" but "deployment" to "deploy"). Words
 * that are not ASCII letters ("k8s", "café") are kept as they are.
 */
export function stem(lower: string): string {
  let s = stems.get(lower);
  if (s === undefined) {
    // Porter2's rules are defined on English letters; running them on "café" or "k8s" only mangles.
    s = /^[a-z]+$/.test(lower) ? porter2(lower) : lower;
    if (stems.size >= STEM_CACHE_LIMIT) stems.clear();
    stems.set(lower, s);
  }
  return s;
}

/** The words of `text` with their offsets and stems, in order. `text` should be NFC-normalised. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const lower = m[0].toLowerCase();
    tokens.push({ text: m[0], offset: m.index, lower, stem: stem(lower) });
  }
  return tokens;
}

/**
 * The stems a keyword's word is also met as: its own, and those of its comparative and superlative
 * ("slow" → "slower", "slowest"; "flaky" → "flakier"), which a stemmer leaves alone because "-er"
 * also ends nouns ("server", "render"). The degrees come from the `en-inflectors` package; forms
 * it builds with "more"/"most" are left out, since they contain the word itself. Only keywords get
 * them: built for every word of a persona's prose they would pair "use" with "user".
 */
export function wordForms(lower: string): readonly string[] {
  let forms = formsCache.get(lower);
  if (forms === undefined) {
    const found = [stem(lower)];
    if (/^[a-z]{3,}$/.test(lower)) {
      for (const degree of [comparative(lower), superlative(lower)]) {
        if (/^[a-z]+$/.test(degree) && !found.includes(stem(degree))) found.push(stem(degree));
      }
    }
    if (formsCache.size >= STEM_CACHE_LIMIT) formsCache.clear();
    formsCache.set(lower, found);
    forms = found;
  }
  return forms;
}

/**
 * Neighbouring words of `text` that form a phrase: only whitespace or a hyphen between them ("design
 * system", "step-by-step"), not a comma or a full stop.
 */
export function phrasePairs(text: string, tokens: readonly Token[]): [Token, Token][] {
  const pairs: [Token, Token][] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i] as Token;
    const b = tokens[i + 1] as Token;
    if (/^[\s-]+$/u.test(text.slice(a.offset + a.text.length, b.offset))) pairs.push([a, b]);
  }
  return pairs;
}
