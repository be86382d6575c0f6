import { isCollection, isScalar, parseDocument } from "yaml";

/** Offsets (within the frontmatter text) of one top-level key and its value. */
export interface LenientPosition {
  key: number;
  value: number;
}

const KEY_LINE = /^([A-Za-z_][\w.-]*)[ \t]*:(?:[ \t]+(.*?))?[ \t]*$/;
const LIST_ITEM = /^[ \t]+-[ \t]+(.*?)[ \t]*$/;

/**
 * Reads frontmatter the way Cursor and most hand-written rule files expect: one `key: value` per
 * line, the value taken as written unless it is itself valid YAML (a quoted string, a flow list, a
 * number or boolean), and `- item` lines under an empty key as a list. Returns undefined when a
 * line does not fit that shape, so truly broken frontmatter still fails with YAML's own error.
 */
export function readLenientYaml(
  content: string,
): { data: Record<string, unknown>; positions: Map<string, LenientPosition> } | undefined {
  const data = Object.create(null) as Record<string, unknown>;
  const positions = new Map<string, LenientPosition>();
  const openKeys: string[] = [];
  let listKey: string | undefined;
  let offset = 0;
  for (const line of content.split("\n")) {
    const lineOffset = offset;
    offset += line.length + 1;
    if (line.trim() === "" || line.trimStart().startsWith("#")) continue;
    const item = LIST_ITEM.exec(line);
    if (item && listKey !== undefined) {
      (data[listKey] as unknown[]).push(readValue(item[1] ?? ""));
      continue;
    }
    const kv = KEY_LINE.exec(line);
    if (!kv) return undefined;
    const key = kv[1] as string;
    if (positions.has(key)) return undefined;
    const raw = kv[2];
    const valueOffset = raw === undefined ? lineOffset : lineOffset + line.indexOf(raw, key.length + 1);
    positions.set(key, { key: lineOffset, value: valueOffset });
    if (raw === undefined || raw === "") {
      data[key] = [];
      listKey = key;
      openKeys.push(key);
    } else {
      data[key] = readValue(raw);
      listKey = undefined;
    }
  }
  // An empty key with no items was an empty value, not an empty list.
  for (const key of openKeys) {
    if ((data[key] as unknown[]).length === 0) data[key] = null;
  }
  return { data, positions };
}

function readValue(raw: string): unknown {
  const doc = parseDocument(raw, { schema: "core", prettyErrors: false });
  if (doc.errors.length > 0 || doc.warnings.length > 0) return raw;
  const contents = doc.contents;
  if (isScalar(contents)) return contents.value;
  // A flow collection written on one line (`[a, b]`) is what the author meant; `a: b` is not.
  if (isCollection(contents) && contents.flow) return contents.toJSON();
  return raw;
}
