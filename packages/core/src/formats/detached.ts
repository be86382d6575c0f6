/**
 * A copy of a piece of a larger text that does not keep that text alive. V8 represents a slice
 * (and a regex match, and a piece of `split`) as a view into the string it was cut from, so a
 * source path read from a 38 MB `.roomodes` would keep all 38 MB for as long as the path lives.
 */
export function detached(piece: string): string {
  return Buffer.from(piece, "utf8").toString("utf8");
}
