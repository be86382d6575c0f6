// The ESM build, imported by path: the package's `main` is a CommonJS bundle of all 62 languages,
// which a bundler cannot shake down to the one list used here.
import { eng } from "stopword/dist/stopword.esm.mjs";

const STOP_WORDS = new Set(eng);

/**
 * Whether a lower-case word is an English stop word ("the", "of", "with"), by the `stopword`
 * package's English list. Such words occur in every persona's prose and would rank them by noise.
 */
export function isStopWord(lower: string): boolean {
  return STOP_WORDS.has(lower);
}
