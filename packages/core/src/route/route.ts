import { compareStrings } from "../diagnostics/diagnostic.js";
import type { Persona } from "../model/persona.js";
import { type KeywordMatch, keywordMatches, keywordText } from "./keywords.js";
import { findMentions, type Mention, mentionedId } from "./mentions.js";
import { NONE } from "./none.js";
import { normalisePath, type PathMention, pathsInText } from "./paths.js";
import { type PreparedPersona, prepareLibrary } from "./prepare.js";
import type {
  RouteFileReason,
  RouteInput,
  RouteKeywordReason,
  RouteMatch,
  RouteMentionReason,
  RouteReason,
  RouteResult,
} from "./schema.js";
import { isStopWord } from "./stop-words.js";
import { type Corpus, corpusFor, queryTerms, textReasons } from "./text-rank.js";
import { confidenceOf, ROUTE_WEIGHTS, round2 } from "./weights.js";
import { type Token, tokenize } from "./words.js";

/** The persona each mention names, by id; the first mention of a persona counts. */
function mentionsById(mentions: readonly Mention[], ids: ReadonlySet<string>): Map<string, RouteMentionReason> {
  const byId = new Map<string, RouteMentionReason>();
  for (const m of mentions) {
    const id = mentionedId(m.name, ids);
    if (id !== undefined && !byId.has(id)) {
      byId.set(id, { kind: "mention", mention: m.text, offset: m.offset, points: ROUTE_WEIGHTS.mention });
    }
  }
  return byId;
}

function keywordReason(m: KeywordMatch, corpus: Corpus): RouteKeywordReason {
  const { keyword, specificity } = ROUTE_WEIGHTS;
  const points = round2(keyword * (1 - specificity + specificity * corpus.specificity(m.stems)));
  return { kind: "keyword", keyword: m.keyword, match: m.match, offset: m.offset, points };
}

function fileReasons(
  p: PreparedPersona,
  given: readonly string[],
  written: readonly PathMention[],
): readonly RouteFileReason[] {
  if (p.globs.length === 0 || (given.length === 0 && written.length === 0)) return NONE;
  let reasons: RouteFileReason[] | undefined;
  const add = (reason: RouteFileReason) => {
    if (reasons?.some((r) => r.path === reason.path)) return;
    reasons ??= [];
    reasons.push(reason);
  };
  for (const w of written) {
    if (w.bare && !p.namesFiles) continue;
    // A bare word ("Dockerfile") can only name a file whose glob spells out the start of its name.
    const hit = p.globs.find((g) =>
      w.bare ? g.namePrefix !== undefined && w.path.startsWith(g.namePrefix) && g.isMatch(w.path) : g.isMatch(w.path),
    );
    if (hit) add({ kind: "file", glob: hit.glob, path: w.path, offset: w.offset, points: ROUTE_WEIGHTS.file });
  }
  for (const path of given) {
    const hit = p.globs.find((g) => g.isMatch(path));
    if (hit) add({ kind: "file", glob: hit.glob, path, points: ROUTE_WEIGHTS.file });
  }
  return reasons ?? NONE;
}

/** The stems of the request's words inside a span of it. */
function stemsWithin(tokens: readonly Token[], span: { offset: number; length: number }): string[] {
  return tokens.filter((t) => t.offset >= span.offset && t.offset < span.offset + span.length).map((t) => t.stem);
}

/**
 * Ranks the personas a request activates (DESIGN.md §10), each with a confidence in [0, 1] and the
 * reasons for it. The rule, its weights (`ROUTE_WEIGHTS`) and their calibration are in
 * docs/routing.md:
 *
 * - an explicit `@<id>` or `--persona-<id>` wins outright: that persona ranks first with confidence 1;
 * - each keyword of `triggers.keywords` found in the request in any word form ("tests" and
 *   "testing" meet `test`, "slower" meets `slow`) earns up to 3 points, fewer the more personas use
 *   its words; multi-word keywords match as phrases, keywords with symbols ("CI/CD") as written;
 * - each path given in `files` or written in the request (`src/api/orders.ts`, `Dockerfile`,
 *   `*.sql`) that a glob of `triggers.files` matches earns 4 points;
 * - the request's other words and two-word phrases rank the persona's name, identity, description,
 *   focus areas and contexts by BM25F, a word earning less than its IDF (about 2 points in a library
 *   of a dozen personas); a word already counted as a keyword or path of this persona is not
 *   counted again;
 * - the confidence is 1 − e^(−score / 1.9), so that 0.7 separates real matches from noise.
 *
 * Personas with a score above 0 and a confidence of at least `minConfidence` are returned: mentioned
 * personas first, then by score (highest first), then by id in code-unit order. The result depends
 * only on the input, never on the order of `personas`, the machine, its locale or the time.
 *
 * @example
 * route(personas, { request: "Why is src/api/users.ts slower since Monday?" }).matches[0]?.id;
 */
export function route(personas: readonly Persona[], input: RouteInput): RouteResult {
  const request = input.request.normalize("NFC");
  const mentions = findMentions(request);
  // A mention's own words ("--persona-security") are not evidence for anything else.
  const tokens = tokenize(request).filter(
    (t) => !mentions.some((m) => t.offset >= m.offset && t.offset < m.offset + m.text.length),
  );
  const text = keywordText(request, tokens);
  // Bare words only matter to personas with a glob that spells out a file name.
  const written = pathsInText(request);
  const given = [...new Set((input.files ?? []).map(normalisePath).filter((p) => p !== ""))];
  const library = prepareLibrary(personas);
  const mentioned = mentionsById(mentions, library.ids);
  const terms = queryTerms(request, tokens, isStopWord);
  const corpus = corpusFor(library, terms);
  const minConfidence = input.minConfidence ?? 0;

  const ranked: { match: RouteMatch; mentioned: number }[] = [];
  for (const p of library.prepared) {
    const keywords = keywordMatches(p.keywords, text);
    const files = fileReasons(p, given, written);
    let unspent = terms;
    if (keywords.length > 0 || files.length > 0) {
      // A word that matched a keyword or a path of this persona has earned its points already.
      const spent = new Set(keywords.flatMap((k) => k.stems));
      for (const f of files) {
        const w = f.offset === undefined ? undefined : written.find((x) => x.offset === f.offset);
        if (w) for (const s of stemsWithin(tokens, w)) spent.add(s);
      }
      unspent = terms.filter((t) => !t.stems.some((s) => spent.has(s)));
    }
    const texts = textReasons(p, unspent, corpus);
    const mention = mentioned.get(p.persona.id);
    if (!mention && keywords.length + files.length + texts.length === 0) continue;
    const reasons: RouteReason[] = [
      ...(mention ? [mention] : []),
      ...keywords.map((k) => keywordReason(k, corpus)),
      ...files,
      ...texts,
    ];
    const score = round2(reasons.reduce((sum, r) => sum + r.points, 0));
    if (score <= 0) continue;
    const confidence = mention ? 1 : confidenceOf(score);
    if (confidence < minConfidence) continue;
    ranked.push({
      match: { id: p.persona.id, title: p.persona.title, score, confidence, reasons },
      mentioned: mention ? mention.offset : Number.POSITIVE_INFINITY,
    });
  }
  ranked.sort(
    (a, b) =>
      (a.mentioned === b.mentioned ? 0 : a.mentioned - b.mentioned) ||
      b.match.score - a.match.score ||
      compareStrings(a.match.id, b.match.id),
  );
  return { matches: ranked.map((r) => r.match) };
}
