import type { Persona } from "../model/persona.js";
import { compileGlob, type FileGlob } from "./paths.js";
import type { RouteTextField } from "./schema.js";
import { phrasePairs, tokenize, WORD_CHAR, wordForms } from "./words.js";

/** A keyword made only of words: matched by the stems of its words, in order. */
export interface WordsKeyword {
  kind: "words";
  keyword: string;
  /** For each word of the keyword, the stems of its forms. */
  words: (readonly string[])[];
  /** The stems of the keyword's words written as one ("clean up" → "cleanup"). */
  joined: readonly string[];
}

/** A keyword with symbols ("CI/CD", "C++", ".NET"): matched as written, ignoring case. */
export interface LiteralKeyword {
  kind: "literal";
  keyword: string;
  pattern: RegExp;
}

/** A field's words: how often each stem occurs and how many words the field has. */
export interface FieldIndex {
  length: number;
  counts: Map<string, number>;
}

/** Everything `route` needs of a persona, computed once per persona object. */
export interface PreparedPersona {
  persona: Persona;
  keywords: (WordsKeyword | LiteralKeyword)[];
  globs: FileGlob[];
  /** Whether a glob spells out the start of a file name, so that a bare word of a request can name a file. */
  namesFiles: boolean;
  fields: Record<RouteTextField, FieldIndex>;
  /** The stems of the words of the persona's prose, and of its two-word phrases ("design system"). */
  terms: Set<string>;
  /** The stems of the persona's prose and keywords: what the persona talks about. */
  vocabulary: Set<string>;
}

// In `u` mode only syntax characters and `/` may be escaped; `\-` would be a SyntaxError.
const REGEXP_SYNTAX = /[\\^$.*+?()[\]{}|/]/g;
const IS_WORD_CHAR = new RegExp(`^${WORD_CHAR}$`, "u");
const WORDS_ONLY = new RegExp(`^${WORD_CHAR}+(?:[\\s-]+${WORD_CHAR}+)*$`, "u");

/**
 * A regular expression that finds `keyword` case-insensitively on word boundaries. Words of a
 * multi-word keyword match across any run of whitespace. A boundary is only required on a side
 * where the keyword starts or ends with a word character, so "C++" and ".NET" can still match.
 */
function literalPattern(keyword: string): RegExp | undefined {
  const words = keyword.split(/\s+/u).filter(Boolean);
  const first = Array.from(words[0] ?? "")[0];
  const last = Array.from(words.at(-1) ?? "").at(-1);
  if (first === undefined || last === undefined) return undefined;
  const body = words.map((w) => w.replace(REGEXP_SYNTAX, "\\$&")).join(String.raw`\s+`);
  const before = IS_WORD_CHAR.test(first) ? `(?<!${WORD_CHAR})` : "";
  const after = IS_WORD_CHAR.test(last) ? `(?!${WORD_CHAR})` : "";
  return new RegExp(`${before}${body}${after}`, "iu");
}

function prepareKeywords(keywords: readonly string[]): (WordsKeyword | LiteralKeyword)[] {
  const seen = new Set<string>();
  const prepared: (WordsKeyword | LiteralKeyword)[] = [];
  for (const keyword of keywords) {
    const text = keyword.normalize("NFC").trim();
    // "API" and "api" are one keyword: a persona must not score twice for repeating itself.
    const key = text.toLowerCase();
    if (key === "" || seen.has(key)) continue;
    seen.add(key);
    if (WORDS_ONLY.test(text)) {
      const lowers = tokenize(text).map((t) => t.lower);
      prepared.push({ kind: "words", keyword, words: lowers.map(wordForms), joined: wordForms(lowers.join("")) });
    } else {
      const pattern = literalPattern(text);
      if (pattern) prepared.push({ kind: "literal", keyword, pattern });
    }
  }
  return prepared;
}

function fieldTexts(persona: Persona): Record<RouteTextField, readonly string[]> {
  return {
    // The id is what people call the persona ("security", "persona-analyzer"); the title usually repeats it.
    name: [persona.id.replace(/-/g, " "), persona.title],
    identity: persona.identity === undefined ? [] : [persona.identity],
    description: [persona.description],
    focusAreas: persona.focusAreas,
    contexts: persona.triggers.contexts,
  };
}

function prepareFields(persona: Persona): Pick<PreparedPersona, "fields" | "terms"> {
  const terms = new Set<string>();
  const index = (texts: readonly string[]): FieldIndex => {
    const counts = new Map<string, number>();
    let length = 0;
    for (const raw of texts) {
      const text = raw.normalize("NFC");
      const tokens = tokenize(text);
      for (const [a, b] of phrasePairs(text, tokens)) {
        const key = `${a.stem} ${b.stem}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
        terms.add(key);
      }
      for (const token of tokens) {
        length++;
        counts.set(token.stem, (counts.get(token.stem) ?? 0) + 1);
        terms.add(token.stem);
      }
    }
    return { length, counts };
  };
  const texts = fieldTexts(persona);
  const fields = {
    name: index(texts.name),
    identity: index(texts.identity),
    description: index(texts.description),
    focusAreas: index(texts.focusAreas),
    contexts: index(texts.contexts),
  };
  return { fields, terms };
}

// Personas are immutable data; preparing one (stemming its prose, compiling its globs) costs far
// more than routing a request, so it is done once per persona object.
const prepared = new WeakMap<Persona, PreparedPersona>();

/** The persona, prepared for routing: keywords as stems or patterns, globs compiled, prose indexed. */
export function preparePersona(persona: Persona): PreparedPersona {
  let p = prepared.get(persona);
  if (!p) {
    const keywords = prepareKeywords(persona.triggers.keywords);
    const fields = prepareFields(persona);
    const vocabulary = new Set(fields.terms);
    for (const k of keywords)
      if (k.kind === "words") for (const forms of k.words) for (const f of forms) vocabulary.add(f);
    const globs = persona.triggers.files.flatMap((glob) => compileGlob(glob) ?? []);
    p = {
      persona,
      keywords,
      globs,
      namesFiles: globs.some((g) => g.namePrefix !== undefined),
      ...fields,
      vocabulary,
    };
    prepared.set(persona, p);
  }
  return p;
}

/** The personas `route` was given, prepared, with what BM25F needs of them all. */
export interface Library {
  /** The personas, as they were when prepared. */
  personas: readonly Persona[];
  prepared: readonly PreparedPersona[];
  ids: ReadonlySet<string>;
  /** Each field's mean length in words over the library. */
  meanLength: Record<RouteTextField, number>;
}

// An MCP server routes every request over the same array; checking that its elements are unchanged
// costs N comparisons, recomputing the library N preparations.
const libraries = new WeakMap<readonly Persona[], Library>();

/** The library of `personas`, prepared once per array (and again if its elements change). */
export function prepareLibrary(personas: readonly Persona[]): Library {
  const cached = libraries.get(personas);
  if (cached?.personas.length === personas.length && cached.personas.every((p, i) => p === personas[i])) return cached;
  const prepared = personas.map(preparePersona);
  const n = prepared.length;
  const mean = (f: RouteTextField) => (n === 0 ? 0 : prepared.reduce((sum, p) => sum + p.fields[f].length, 0) / n);
  const library: Library = {
    personas: [...personas],
    prepared,
    ids: new Set(personas.map((p) => p.id)),
    meanLength: {
      name: mean("name"),
      identity: mean("identity"),
      description: mean("description"),
      focusAreas: mean("focusAreas"),
      contexts: mean("contexts"),
    },
  };
  libraries.set(personas, library);
  return library;
}
