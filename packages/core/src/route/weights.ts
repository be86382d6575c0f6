import type { RouteTextField } from "./schema.js";

/**
 * The points each kind of evidence earns and how points become a confidence; the documented scoring
 * rule (docs/routing.md), calibrated on the labelled requests of the bundled personas.
 */
export const ROUTE_WEIGHTS = {
  /** An explicit `@<id>` or `--persona-<id>`; the persona also ranks first with confidence 1. */
  mention: 10,
  /** Each distinct keyword of `triggers.keywords` found in the request, in any word form, at most. */
  keyword: 3,
  /**
   * The share of a keyword's points that depends on how specific its words are: a keyword whose
   * words only one persona uses earns all 3 points; one whose words every persona uses, 3 × 0.5.
   */
  specificity: 0.5,
  /** Each distinct path (given in `files` or written in the request) matched by a file glob. */
  file: 4,
  /** The most a word of the persona's prose can earn: BM25F's saturated score is scaled to this. */
  text: 1,
  /** BM25F field weights: how much one occurrence of a word in each field counts. */
  fields: { name: 2, identity: 1, description: 1, focusAreas: 1, contexts: 1 } satisfies Record<RouteTextField, number>,
  /** BM25's term-frequency saturation and length normalisation (the usual defaults). */
  k1: 1.2,
  b: 0.75,
  /** confidence = 1 − e^(−score / scale): with 3 points to a keyword, one keyword is 0.63, two 0.86. */
  scale: 1.9,
} as const;

/** Rounds to hundredths, so that reasons' points add up to the score exactly as printed. */
export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** The confidence of a score, in [0, 1], rounded to hundredths. */
export function confidenceOf(score: number): number {
  return round2(1 - Math.exp(-score / ROUTE_WEIGHTS.scale));
}
