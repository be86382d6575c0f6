import picomatch from "picomatch";
import { z } from "zod";
import { compareStrings } from "./diagnostics/diagnostic.js";
import type { Persona } from "./model/persona.js";

/** Points a persona earns per matched trigger; part of the documented scoring rule (docs/routing.md). */
export const ROUTE_POINTS = { keyword: 2, file: 3 } as const;

/** A persona keyword found in the request. */
export const RouteKeywordReasonSchema = z.object({
  kind: z.literal("keyword"),
  /** The keyword as the persona writes it. */
  keyword: z.string(),
  /** The text of the request it matched, as the request writes it. */
  match: z.string(),
  /** UTF-16 offset of the first match in the (NFC-normalised) request. */
  offset: z.number().int().min(0),
  points: z.number().int(),
});
export type RouteKeywordReason = z.infer<typeof RouteKeywordReasonSchema>;

/** A given path matched by one of the persona's file globs. */
export const RouteFileReasonSchema = z.object({
  kind: z.literal("file"),
  /** The first of the persona's globs (in the persona's order) that matched the path. */
  glob: z.string(),
  /** The path as normalised for matching (POSIX separators, no leading `./`). */
  path: z.string(),
  points: z.number().int(),
});
export type RouteFileReason = z.infer<typeof RouteFileReasonSchema>;

/** Why a persona scored: one entry per matched keyword and per matched path. */
export const RouteReasonSchema = z.discriminatedUnion("kind", [RouteKeywordReasonSchema, RouteFileReasonSchema]);
export type RouteReason = z.infer<typeof RouteReasonSchema>;

/** One persona the request activates, with its score and the reasons for it. */
export const RouteMatchSchema = z.object({
  id: z.string(),
  title: z.string(),
  score: z.number().int().min(1),
  /** Keyword reasons by offset in the request, then file reasons in the order the paths were given. */
  reasons: z.array(RouteReasonSchema),
});
export type RouteMatch = z.infer<typeof RouteMatchSchema>;

/** What `route` returns: the activated personas, best first. */
export const RouteResultSchema = z.object({
  matches: z.array(RouteMatchSchema),
});
export type RouteResult = z.infer<typeof RouteResultSchema>;

/** The input of `route`: the user's request and, optionally, the paths it is about. */
export interface RouteInput {
  request: string;
  /** Paths relative to the project root; `\` is read as `/` and a leading `./` is ignored. */
  files?: readonly string[];
}

// Letters, marks, digits and `_` are word characters in every script, unlike `\b`, which is ASCII-only
// even with the `u` flag ("café" would otherwise end a word before "é").
const WORD_CHAR = String.raw`[\p{L}\p{M}\p{N}_]`;
const IS_WORD_CHAR = new RegExp(`^${WORD_CHAR}$`, "u");
// In `u` mode only syntax characters and `/` may be escaped; `\-` would be a SyntaxError.
const REGEXP_SYNTAX = /[\\^$.*+?()[\]{}|/]/g;

/**
 * A regular expression that finds `keyword` case-insensitively on word boundaries. Words of a
 * multi-word keyword match across any run of whitespace. A boundary is only required on a side
 * where the keyword starts or ends with a word character, so "C++" and ".NET" can still match.
 */
function keywordPattern(keyword: string): RegExp | undefined {
  const words = keyword.normalize("NFC").trim().split(/\s+/u).filter(Boolean);
  const first = Array.from(words[0] ?? "")[0];
  const last = Array.from(words.at(-1) ?? "").at(-1);
  if (first === undefined || last === undefined) return undefined;
  const body = words.map((w) => w.replace(REGEXP_SYNTAX, "\\$&")).join(String.raw`\s+`);
  const before = IS_WORD_CHAR.test(first) ? `(?<!${WORD_CHAR})` : "";
  const after = IS_WORD_CHAR.test(last) ? `(?!${WORD_CHAR})` : "";
  return new RegExp(`${before}${body}${after}`, "iu");
}

function keywordReasons(persona: Persona, request: string): RouteKeywordReason[] {
  const seen = new Set<string>();
  const reasons: RouteKeywordReason[] = [];
  for (const keyword of persona.triggers.keywords) {
    // "API" and "api" are one keyword: a persona must not score twice for repeating itself.
    const key = keyword.normalize("NFC").trim().toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const found = keywordPattern(keyword)?.exec(request);
    if (found)
      reasons.push({ kind: "keyword", keyword, match: found[0], offset: found.index, points: ROUTE_POINTS.keyword });
  }
  return reasons.sort((a, b) => a.offset - b.offset || compareStrings(a.keyword, b.keyword));
}

/** Normalises a path or glob for matching: POSIX separators, no leading `./`. */
function normalisePath(path: string): string {
  return path.replace(/\\/g, "/").replace(/^(?:\.\/)+/, "");
}

type Matcher = (path: string) => boolean;

function globMatcher(glob: string): Matcher | undefined {
  try {
    // A slash-less glob like `*.sql` gets its gitignore meaning (any depth) by prefixing `**/`;
    // picomatch's own `basename` option stops `**/api/**` from matching at all (4.0.7).
    const pattern = normalisePath(glob);
    // `windows: false` keeps matching identical on every OS (paths are normalised first); `dot` lets
    // `**/api/**` see `.config/api/x`.
    return picomatch(pattern.includes("/") ? pattern : `**/${pattern}`, { dot: true, windows: false });
  } catch {
    // A glob picomatch cannot compile simply matches nothing; reporting it is the linter's job.
    return undefined;
  }
}

function fileReasons(persona: Persona, paths: readonly string[]): RouteFileReason[] {
  const globs = persona.triggers.files.flatMap((glob) => {
    const isMatch = globMatcher(glob);
    return isMatch ? [{ glob, isMatch }] : [];
  });
  const reasons: RouteFileReason[] = [];
  for (const path of paths) {
    const hit = globs.find((g) => g.isMatch(path));
    if (hit) reasons.push({ kind: "file", glob: hit.glob, path, points: ROUTE_POINTS.file });
  }
  return reasons;
}

/**
 * Ranks the personas a request activates. The scoring rule (docs/routing.md):
 *
 * - every distinct keyword of `triggers.keywords` found in the request scores 2: matched
 *   case-insensitively, on word boundaries (a word is letters, marks, digits and `_` in any script),
 *   a multi-word keyword as a phrase whose words may be separated by any whitespace, symbols such as
 *   the `/` of "CI/CD" literally; the request and keywords are compared in Unicode NFC form;
 * - every distinct given path matched by at least one glob of `triggers.files` scores 3, once per
 *   path however many globs match it; globs are picomatch globs matched case-sensitively, dotfiles
 *   included, and a glob without `/` matches the file name at any depth;
 * - `triggers.contexts` are prose for the model and are not scored.
 *
 * Only personas with a score above 0 are returned, by score (highest first), then by id in
 * code-unit order, so the result is the same for the same input on every machine.
 *
 * @example
 * route(personas, { request: "Why is the API slow?", files: ["src/api/users.ts"] }).matches[0]?.id;
 */
export function route(personas: readonly Persona[], input: RouteInput): RouteResult {
  const request = input.request.normalize("NFC");
  const paths = [...new Set((input.files ?? []).map(normalisePath).filter((p) => p !== ""))];
  const matches: RouteMatch[] = [];
  for (const persona of personas) {
    const reasons: RouteReason[] = [...keywordReasons(persona, request), ...fileReasons(persona, paths)];
    const score = reasons.reduce((sum, r) => sum + r.points, 0);
    if (score > 0) matches.push({ id: persona.id, title: persona.title, score, reasons });
  }
  matches.sort((a, b) => b.score - a.score || compareStrings(a.id, b.id));
  return { matches };
}
