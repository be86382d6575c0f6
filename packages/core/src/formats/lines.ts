/**
 * The lines of a text (split at "\n", as `split("\n")` would give them), one at a time: reading a
 * shared file of tens of megabytes back, an array of its million lines cost more than the text.
 */
export function* linesOf(text: string): Generator<string> {
  for (let start = 0; ; ) {
    const stop = text.indexOf("\n", start);
    if (stop === -1) {
      yield text.slice(start);
      return;
    }
    yield text.slice(start, stop);
    start = stop + 1;
  }
}
