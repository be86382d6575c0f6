import { type Document, isMap, isScalar, isSeq, type LineCounter, type Node } from "yaml";

/** A 1-based line and column (UTF-16 code units, like `yaml` and editors). */
export interface Position {
  line: number;
  column: number;
}

/**
 * Finds where a value (or, with `key`, a key) sits in a parsed YAML/JSON document, walking the
 * path as far as it exists, so an issue deep inside a missing branch still points at its nearest
 * written ancestor rather than at 1:1.
 */
export function positionOf(
  doc: Document,
  lineCounter: LineCounter,
  path: readonly PropertyKey[],
  key?: string,
): Position {
  let node: Node | null = doc.contents;
  let at = node?.range?.[0] ?? 0;
  const steps = key === undefined ? path : [...path, key];
  for (const [i, step] of steps.entries()) {
    const isKeyStep = key !== undefined && i === steps.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(step));
      if (!pair) break;
      const keyNode = pair.key as Node;
      if (isKeyStep) {
        at = keyNode.range?.[0] ?? at;
        break;
      }
      node = (pair.value as Node | null) ?? null;
      at = node?.range?.[0] ?? keyNode.range?.[0] ?? at;
    } else if (isSeq(node) && typeof step === "number") {
      const item = node.items[step] as Node | undefined;
      if (!item) break;
      node = item;
      at = item.range?.[0] ?? at;
    } else {
      break;
    }
  }
  const { line, col } = lineCounter.linePos(at);
  return { line, column: col };
}
