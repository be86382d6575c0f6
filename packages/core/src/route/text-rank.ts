import { NONE } from "./none.js";
import type { Library, PreparedPersona } from "./prepare.js";
import { type RouteTextField, RouteTextFieldSchema, type RouteTextReason } from "./schema.js";
import { ROUTE_WEIGHTS, round2 } from "./weights.js";
import { phrasePairs, type Token } from "./words.js";

const FIELDS = RouteTextFieldSchema.options;

/** A distinct word or two-word phrase of the request that ranking looks up. */
export interface QueryTerm {
  /** The stem, or the two stems of a phrase joined by a space. */
  key: string;
  /** The stems it is made of. */
  stems: readonly string[];
  /** As the request writes it (its first occurrence). */
  text: string;
  offset: number;
}

/**
 * The request's words and two-word phrases worth ranking by, each once. Words of one letter, bare
 * numbers and stop words say nothing about a persona, nor do phrases with one of them ("the source").
 * A phrase found in a persona's prose ("design system") counts besides its two words.
 */
export function queryTerms(
  request: string,
  tokens: readonly Token[],
  isStopWord: (lower: string) => boolean,
): QueryTerm[] {
  const seen = new Set<string>();
  const terms: QueryTerm[] = [];
  const add = (key: string, stems: string[], first: Token, last: Token) => {
    if (seen.has(key)) return;
    seen.add(key);
    terms.push({ key, stems, text: request.slice(first.offset, last.offset + last.text.length), offset: first.offset });
  };
  const isNoise = (t: Token) => t.lower.length < 2 || /^\p{N}+$/u.test(t.lower) || isStopWord(t.lower);
  for (const token of tokens) if (!isNoise(token)) add(token.stem, [token.stem], token, token);
  for (const [a, b] of phrasePairs(request, tokens)) {
    if (!isNoise(a) && !isNoise(b)) add(`${a.stem} ${b.stem}`, [a.stem, b.stem], a, b);
  }
  return terms.sort((x, y) => x.offset - y.offset);
}

/** What ranking needs of the whole library for one request. */
export interface Corpus {
  /** Each query term's IDF, for the terms some persona's prose has. */
  idf: Map<string, number>;
  /** Each field's mean length in words. */
  meanLength: Record<RouteTextField, number>;
  /**
   * How specific the request's words `stems` are to one persona, in (0, 1]: the IDF of the number
   * of personas whose keywords or prose have them all, over the IDF of one persona.
   */
  specificity: (stems: readonly string[]) => number;
}

/** BM25's IDF, ln(1 + (N − n + 0.5) / (n + 0.5)), which stays positive when a word is in every persona. */
function idfOf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** Corpus statistics over `personas` for the request's terms. */
export function corpusFor(library: Library, terms: readonly QueryTerm[]): Corpus {
  const personas = library.prepared;
  const n = personas.length;
  const idf = new Map<string, number>();
  for (const { key } of terms) {
    let df = 0;
    for (const p of personas) if (p.terms.has(key)) df++;
    // A word in (nearly) every persona could not earn a hundredth of a point anywhere.
    if (df > 0 && idfOf(n, df) * ROUTE_WEIGHTS.text >= 0.005) idf.set(key, idfOf(n, df));
  }
  const specificities = new Map<string, number>();
  const specificity = (stems: readonly string[]): number => {
    const key = stems.join(" ");
    let s = specificities.get(key);
    if (s === undefined) {
      let df = 0;
      for (const p of personas) if (stems.every((stem) => p.vocabulary.has(stem))) df++;
      // The persona whose keyword matched may not use the words of a literal keyword ("CI/CD").
      s = idfOf(n, Math.max(df, 1)) / idfOf(n, 1);
      specificities.set(key, s);
    }
    return s;
  };
  return { idf, meanLength: library.meanLength, specificity };
}

/**
 * BM25F (Robertson, Zaragoza & Taylor 2004, "Simple BM25 extension to multiple weighted fields"):
 * a term's occurrences are weighted per field and normalised by the field's length before one
 * saturation, so a word found in the name and the contexts counts more than in one field, but
 * not twice. A term earns IDF × tf / (k1 + tf) × `ROUTE_WEIGHTS.text` points: less than its IDF.
 */
export function textReasons(
  p: PreparedPersona,
  terms: readonly QueryTerm[],
  corpus: Corpus,
): readonly RouteTextReason[] {
  const { k1, b } = ROUTE_WEIGHTS;
  let reasons: RouteTextReason[] | undefined;
  for (const term of terms) {
    const idf = corpus.idf.get(term.key);
    if (idf === undefined || !p.terms.has(term.key)) continue;
    let tf = 0;
    const fields: RouteTextField[] = [];
    for (const f of FIELDS) {
      const { counts, length } = p.fields[f];
      const count = counts.get(term.key) ?? 0;
      if (count === 0) continue;
      fields.push(f);
      const mean = corpus.meanLength[f];
      tf += (ROUTE_WEIGHTS.fields[f] * count) / (1 - b + (mean > 0 ? (b * length) / mean : b));
    }
    const points = round2(((idf * tf) / (k1 + tf)) * ROUTE_WEIGHTS.text);
    if (fields.length > 0 && points > 0) {
      reasons ??= [];
      reasons.push({ kind: "text", word: term.text, offset: term.offset, fields, points });
    }
  }
  return reasons ?? NONE;
}
