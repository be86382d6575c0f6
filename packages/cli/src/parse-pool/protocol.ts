/** A file for a worker to parse. */
export interface ParseRequest {
  id: number;
  text: string;
  path: string;
  /** The config's `vars`, filled in before the parse (see `ParseOptions.vars`). */
  vars?: Readonly<Record<string, string>>;
}

/**
 * A worker's answer: the parse result as JSON. A string crosses threads as one copy instead of a
 * structured clone of thousands of small objects, and it is the very text the parse cache stores,
 * so the main thread never serialises a result itself.
 */
export interface ParseResponse {
  id: number;
  json: string;
}

/**
 * What a worker posts once its code has loaded, before any request: the time budget of a parse
 * starts only then, so a worker slow to start (a busy machine) never fails a file as too complex.
 */
export interface WorkerReady {
  ready: true;
}
