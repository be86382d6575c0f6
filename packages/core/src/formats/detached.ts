/**
 * A copy of a piece of a larger text that does not keep that text alive. V8 represents a slice
 * (and a regex match, and a piece of `split`) as a view into the string it was cut from, so a
 * source path read from a 38 MB `.roomodes` would keep all 38 MB for as long as the path lives.
 */
export function detached(piece: string): string {
  return Buffer.from(piece, "utf8").toString("utf8");
}

/**
 * A deep copy of plain data (objects, arrays, strings, numbers…) with every string `detached` and
 * flat. A build keeps each persona's parts of the shared files until the end, and a rendered part
 * is a rope of hundreds of pieces (a template's output is concatenated piece by piece): held as it
 * is, the rope's nodes cost more than its text.
 */
export function detachedValue<T>(value: T): T {
  if (typeof value === "string") return detached(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => detachedValue(item)) as T;
  if (value === null || typeof value !== "object") return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = detachedValue(item);
  return copy as T;
}
