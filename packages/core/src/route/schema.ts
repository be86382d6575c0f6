import { z } from "zod";

/** The persona fields whose words rank a persona besides its triggers (docs/routing.md). */
export const RouteTextFieldSchema = z.enum(["name", "identity", "description", "focusAreas", "contexts"]);
export type RouteTextField = z.infer<typeof RouteTextFieldSchema>;

/** The persona named in the request with `@<id>` or `--persona-<id>`: it wins outright. */
export const RouteMentionReasonSchema = z.object({
  kind: z.literal("mention"),
  /** The mention as the request writes it. */
  mention: z.string(),
  /** UTF-16 offset of the mention in the (NFC-normalised) request. */
  offset: z.number().int().min(0),
  points: z.number(),
});
export type RouteMentionReason = z.infer<typeof RouteMentionReasonSchema>;

/** A persona keyword found in the request, in any of its word forms. */
export const RouteKeywordReasonSchema = z.object({
  kind: z.literal("keyword"),
  /** The keyword as the persona writes it. */
  keyword: z.string(),
  /** The text of the request it matched, as the request writes it ("tests" for `test`). */
  match: z.string(),
  /** UTF-16 offset of the first match in the (NFC-normalised) request. */
  offset: z.number().int().min(0),
  points: z.number(),
});
export type RouteKeywordReason = z.infer<typeof RouteKeywordReasonSchema>;

/** A path, given in `files` or written in the request, matched by one of the persona's file globs. */
export const RouteFileReasonSchema = z.object({
  kind: z.literal("file"),
  /** The first of the persona's globs (in the persona's order) that matched the path. */
  glob: z.string(),
  /** The path as normalised for matching (POSIX separators, no leading `./`). */
  path: z.string(),
  /** UTF-16 offset of the path in the request; absent for a path given in `files`. */
  offset: z.number().int().min(0).optional(),
  points: z.number(),
});
export type RouteFileReason = z.infer<typeof RouteFileReasonSchema>;

/** A word of the request found in the persona's name, identity, description, focus areas or contexts. */
export const RouteTextReasonSchema = z.object({
  kind: z.literal("text"),
  /** The request's word, as it writes it. */
  word: z.string(),
  /** UTF-16 offset of the word's first occurrence in the (NFC-normalised) request. */
  offset: z.number().int().min(0),
  /** The fields of the persona the word (in any of its forms) occurs in, in the order of `RouteTextFieldSchema`. */
  fields: z.array(RouteTextFieldSchema).min(1),
  points: z.number(),
});
export type RouteTextReason = z.infer<typeof RouteTextReasonSchema>;

/** Why a persona scored: a mention, a keyword, a path or a word of its prose. */
export const RouteReasonSchema = z.discriminatedUnion("kind", [
  RouteMentionReasonSchema,
  RouteKeywordReasonSchema,
  RouteFileReasonSchema,
  RouteTextReasonSchema,
]);
export type RouteReason = z.infer<typeof RouteReasonSchema>;

/** One persona the request activates, with its score, its confidence and the reasons for both. */
export const RouteMatchSchema = z.object({
  id: z.string(),
  title: z.string(),
  /** The sum of the reasons' points. */
  score: z.number().min(0),
  /** How sure the match is, in [0, 1]; 0.7 separates a real match from noise (docs/routing.md). */
  confidence: z.number().min(0).max(1),
  /** Mentions, then keywords, then paths written in the request, by offset; then `files` paths in the order given; then words of the persona's prose by offset. */
  reasons: z.array(RouteReasonSchema),
});
export type RouteMatch = z.infer<typeof RouteMatchSchema>;

/** What `route` returns: the activated personas, best first. */
export const RouteResultSchema = z.object({
  matches: z.array(RouteMatchSchema),
});
export type RouteResult = z.infer<typeof RouteResultSchema>;

/** The input of `route`: the user's request, optionally the paths it is about and a confidence floor. */
export interface RouteInput {
  request: string;
  /** Paths relative to the project root; `\` is read as `/` and a leading `./` is ignored. */
  files?: readonly string[];
  /** Leave out matches whose confidence is below this, in [0, 1] (default 0: every persona that scores). */
  minConfidence?: number;
}
