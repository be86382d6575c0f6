// `stopword` ships no types for its ESM build (3.x); this is the one export core uses.
declare module "stopword/dist/stopword.esm.mjs" {
  /** English stop words, lower case. */
  export const eng: readonly string[];
}
