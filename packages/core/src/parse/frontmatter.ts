import {
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  visit,
  type Node as YamlNode,
} from "yaml";
import { type Diagnostic, diagnostic, type Position } from "../diagnostics/diagnostic.js";
import { MESSAGES, RULES } from "../diagnostics/rules.js";
import { type LenientRepair, quoteLenientValues } from "./lenient-yaml.js";
import type { LineIndex } from "./text.js";
import { findUnclosed } from "./unclosed.js";

/** A path into the frontmatter: keys and sequence indexes, as zod reports them. */
export type FrontmatterPath = readonly PropertyKey[];

/** The frontmatter of one file: its plain data and where each value and key sits in the file. */
export interface Frontmatter {
  /** Plain data: objects, arrays, strings, numbers, booleans and null only. */
  data: Record<string, unknown>;
  /** Position of the value at `path` (or of the nearest ancestor that has one). */
  valueAt(path: FrontmatterPath): Position;
  /** Position of the key at `path` (the value's position when there is no key). */
  keyAt(path: FrontmatterPath): Position;
  /** Where the body starts: the offset just after the closing fence. */
  bodyOffset: number;
}

/** Keys that could reach an object prototype if any consumer merged the data carelessly. */
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** Tags that only restate what YAML 1.2's core schema already resolves; anything else is refused. */
const HARMLESS_TAGS = new Set([
  "tag:yaml.org,2002:str",
  "tag:yaml.org,2002:int",
  "tag:yaml.org,2002:float",
  "tag:yaml.org,2002:bool",
  "tag:yaml.org,2002:null",
  "tag:yaml.org,2002:seq",
  "tag:yaml.org,2002:map",
]);

const OPEN_FENCE = /^---[ \t]*(?:\n|$)/;
const LANGUAGE_FENCE = /^---[ \t]*([A-Za-z][\w-]*)[ \t]*(?:\n|$)/;
const CLOSE_FENCE = /^(?:---|\.\.\.)[ \t]*$/m;
const LEADING_BLANK_THEN_FENCE = /^(?:[ \t]*\n)+---[ \t]*\n[\s\S]*?\n---[ \t]*(?:\n|$)/;

interface FenceResult {
  frontmatter?: { content: string; contentOffset: number; bodyOffset: number };
  diagnostics: Diagnostic[];
  /** False when the file cannot be read as a persona at all. */
  readable: boolean;
}

/**
 * Finds the YAML frontmatter fences. remark-frontmatter silently treats an unclosed or late fence as
 * ordinary markdown (a thematic break and a setext heading), so those cases are diagnosed here.
 */
export function findFrontmatter(text: string, file: string): FenceResult {
  const language = LANGUAGE_FENCE.exec(text);
  if (language) {
    const diag = diagnostic("error", RULES.frontmatterLanguage, MESSAGES.frontmatterLanguage(language[1] ?? ""), file, {
      line: 1,
      column: 1,
    });
    return { diagnostics: [diag], readable: false };
  }
  if (!OPEN_FENCE.test(text)) {
    if (LEADING_BLANK_THEN_FENCE.test(text)) {
      const line = (text.match(/^(?:[ \t]*\n)+/)?.[0].split("\n").length ?? 1) as number;
      return {
        diagnostics: [
          diagnostic("error", RULES.frontmatterNotFirst, MESSAGES.frontmatterNotFirst(), file, { line, column: 1 }),
        ],
        readable: false,
      };
    }
    return { diagnostics: [], readable: true };
  }
  const contentOffset = text.indexOf("\n") + 1;
  if (contentOffset === 0) {
    return {
      diagnostics: [
        diagnostic("error", RULES.frontmatterUnterminated, MESSAGES.frontmatterUnterminated(), file, {
          line: 1,
          column: 1,
        }),
      ],
      readable: false,
    };
  }
  const rest = text.slice(contentOffset);
  const close = CLOSE_FENCE.exec(rest);
  if (!close || close[0].startsWith(".")) {
    // YAML allows `...` to end a document, but markdown tools only close frontmatter with `---`.
    const dots = close ? text.slice(0, contentOffset + close.index).split("\n").length : 1;
    const message = close ? MESSAGES.frontmatterDotsCloser() : MESSAGES.frontmatterUnterminated();
    return {
      diagnostics: [diagnostic("error", RULES.frontmatterUnterminated, message, file, { line: dots, column: 1 })],
      readable: false,
    };
  }
  const closeEnd = contentOffset + close.index + close[0].length;
  const bodyOffset = text[closeEnd] === "\n" ? closeEnd + 1 : closeEnd;
  return {
    frontmatter: { content: rest.slice(0, close.index), contentOffset, bodyOffset },
    diagnostics: [],
    readable: true,
  };
}

/** YAML errors that no lenient reading may paper over. */
const FATAL_YAML_CODES = new Set(["DUPLICATE_KEY", "TAB_AS_INDENT", "MULTIPLE_DOCS"]);

type YamlDocument = ReturnType<typeof parseDocument>;

function parseStrict(text: string): YamlDocument {
  return parseDocument(text, { prettyErrors: false, uniqueKeys: true, schema: "core", strict: true });
}

/** Whether the document has an anchor; without one, every alias is a value that starts with `*`. */
function hasAnchor(doc: YamlDocument): boolean {
  let found = false;
  visit(doc, {
    Node(_key, node) {
      if ((isScalar(node) || isCollection(node)) && node.anchor) found = true;
    },
  });
  return found;
}

/** Offsets of the aliases of a document that has no anchor for them to refer to. */
function unresolvedAliases(doc: YamlDocument): number[] {
  if (hasAnchor(doc)) return [];
  const out: number[] = [];
  visit(doc, {
    Alias(_key, node) {
      out.push(node.range?.[0] ?? 0);
    },
  });
  return out;
}

const isSoft = (doc: YamlDocument) =>
  doc.errors.some((e) => !FATAL_YAML_CODES.has(e.code)) || unresolvedAliases(doc).length > 0;

/**
 * Parses frontmatter YAML with positions. Strict YAML 1.2, except for the two departures DESIGN.md
 * §3 names (Cursor's unquoted `globs: **\/*.ts`, an unquoted `: ` inside a value): those values are
 * read as text with a warning at each (`quoteLenientValues`). Any other syntax error is an error at
 * the line and column of the mistake; an unclosed bracket or quote is reported at the opener, not
 * where the parser gave up. Aliases, explicit tags and prototype keys are refused, so no alias bomb
 * expands and no function, date or buffer reaches a template.
 */
export function parseFrontmatter(
  content: string,
  contentOffset: number,
  bodyOffset: number,
  file: string,
  index: LineIndex,
): { frontmatter?: Frontmatter; diagnostics: Diagnostic[] } {
  let doc = parseStrict(content);
  // `text` is what `doc` was parsed from; `toOriginal` maps its offsets back to `content`.
  let text = content;
  let toOriginal = (offset: number) => offset;
  let repairs: LenientRepair[] = [];
  if (isSoft(doc)) {
    const lenient = quoteLenientValues(content);
    const repaired = lenient.repairs.length > 0 ? parseStrict(lenient.text) : undefined;
    if (repaired !== undefined && !isSoft(repaired)) {
      doc = repaired;
      text = lenient.text;
      toOriginal = lenient.toOriginal;
      repairs = lenient.repairs;
    }
  }
  const at = (offset: number): Position => index.position(contentOffset + toOriginal(offset));
  const atOriginal = (offset: number): Position => index.position(contentOffset + offset);

  const diagnostics: Diagnostic[] = [];
  const fatal = doc.errors.filter((e) => FATAL_YAML_CODES.has(e.code));
  for (const e of fatal) {
    const rule = e.code === "DUPLICATE_KEY" ? RULES.frontmatterDuplicateKey : RULES.frontmatterSyntax;
    const message = e.code === "DUPLICATE_KEY" ? duplicateKeyMessage(text, e.pos[0]) : `${e.message} [yaml/${e.code}]`;
    diagnostics.push(diagnostic("error", rule, message, file, at(e.pos[0])));
  }
  const anchored = hasAnchor(doc);
  let reportedAlias = false;
  visit(doc, {
    Alias(_key, node) {
      // One diagnostic at the first alias: an alias bomb has hundreds, and one is enough to fix.
      if (anchored && !reportedAlias) {
        reportedAlias = true;
        diagnostics.push(diagnostic("error", RULES.frontmatterAlias, MESSAGES.alias(), file, at(node.range?.[0] ?? 0)));
      }
    },
    Node(_key, node) {
      if ((isScalar(node) || isCollection(node)) && node.tag && !HARMLESS_TAGS.has(node.tag)) {
        diagnostics.push(
          diagnostic("error", RULES.frontmatterTag, MESSAGES.tag(node.tag), file, at(tagOffset(text, node))),
        );
      }
    },
    Pair(_key, pair) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      if (typeof key === "string" && FORBIDDEN_KEYS.has(key)) {
        diagnostics.push(
          diagnostic(
            "error",
            RULES.frontmatterForbiddenKey,
            MESSAGES.forbiddenKey(key),
            file,
            at(pair.key && isScalar(pair.key) ? (pair.key.range?.[0] ?? 0) : 0),
          ),
        );
      }
    },
  });
  if (diagnostics.length > 0) return { diagnostics };

  if (isSoft(doc)) return { diagnostics: syntaxErrors(content, doc, file, atOriginal) };

  for (const r of repairs) {
    const message = r.kind === "alias" ? MESSAGES.lenientAlias(r.key, r.value) : MESSAGES.lenientColon(r.key, r.value);
    diagnostics.push(diagnostic("warning", RULES.frontmatterLenient, message, file, atOriginal(r.offset)));
  }

  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === ""))) {
    return { frontmatter: emptyFrontmatter(bodyOffset, at), diagnostics };
  }
  if (!isMap(contents)) {
    const kind = isSeq(contents) ? "a list" : "a single value";
    diagnostics.push(
      diagnostic("error", RULES.frontmatterNotMapping, MESSAGES.notMapping(kind), file, at(contents.range?.[0] ?? 0)),
    );
    return { diagnostics };
  }
  const data = toPlain(contents) as Record<string, unknown>;
  const nodeAt = (path: FrontmatterPath): YamlNode | undefined => {
    let node: unknown = contents;
    let last: YamlNode | undefined = contents;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
        node = pair?.value;
      } else if (isSeq(node) && typeof seg === "number") {
        node = node.items[seg];
      } else {
        break;
      }
      if (node && typeof node === "object" && "range" in node) last = node as YamlNode;
      else break;
    }
    return last;
  };
  const keyNodeAt = (path: FrontmatterPath): YamlNode | undefined => {
    if (path.length === 0) return contents;
    const parent = nodeAt(path.slice(0, -1));
    const seg = path[path.length - 1];
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (pair && isScalar(pair.key)) return pair.key;
    }
    return nodeAt(path);
  };
  return {
    frontmatter: {
      data,
      valueAt: (path) => at(nodeAt(path)?.range?.[0] ?? 0),
      keyAt: (path) => at(keyNodeAt(path)?.range?.[0] ?? 0),
      bodyOffset,
    },
    diagnostics,
  };
}

/**
 * The errors of frontmatter that strict YAML rejects for a reason no lenient reading covers: each
 * unclosed bracket or quote at its opener, the parser's other errors where it found them, and each
 * unquoted value that starts with `*` where YAML could not read it as text.
 */
function syntaxErrors(
  content: string,
  doc: YamlDocument,
  file: string,
  at: (offset: number) => Position,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const unclosed = findUnclosed(content);
  for (const u of unclosed) {
    out.push(diagnostic("error", RULES.frontmatterSyntax, MESSAGES.unclosed(u.opener, u.key), file, at(u.offset)));
  }
  // The parser's own report of an unclosed value lands after it; the opener was reported instead.
  // After an unclosed quote the parser reads everything as part of the string, so nothing it
  // reports later means anything.
  const explained = (offset: number) =>
    unclosed.some((u) => offset >= u.offset && (offset <= u.end || u.opener === '"' || u.opener === "'"));
  for (const e of doc.errors) {
    if (FATAL_YAML_CODES.has(e.code) || explained(e.pos[0])) continue;
    out.push(diagnostic("error", RULES.frontmatterSyntax, `${e.message} [yaml/${e.code}]`, file, at(e.pos[0])));
  }
  for (const offset of unresolvedAliases(doc)) {
    if (!explained(offset))
      out.push(diagnostic("error", RULES.frontmatterAlias, MESSAGES.unresolvedAlias(), file, at(offset)));
  }
  return out;
}

function emptyFrontmatter(bodyOffset: number, at: (offset: number) => Position): Frontmatter {
  return { data: Object.create(null) as Record<string, unknown>, valueAt: () => at(0), keyAt: () => at(0), bodyOffset };
}

/** The tag token sits before the value; point at it so the diagnostic names what the user wrote. */
function tagOffset(content: string, node: { range?: [number, number, number] | null | undefined }): number {
  const start = node.range?.[0] ?? 0;
  const lineStart = content.lastIndexOf("\n", start - 1) + 1;
  const tag = /!\S*\s+$/.exec(content.slice(lineStart, start));
  return tag ? lineStart + tag.index : start;
}

function duplicateKeyMessage(content: string, offset: number): string {
  const key = /^[^\s:]+/.exec(content.slice(offset))?.[0] ?? "";
  return `Unexpected duplicate key "${key}" [yaml/DUPLICATE_KEY]`;
}

/**
 * Converts YAML nodes to plain data with null-prototype objects, so no key — whatever its name —
 * can act on a prototype. Aliases never get here (they are refused above).
 */
function toPlain(node: unknown): unknown {
  if (isMap(node)) {
    const out = Object.create(null) as Record<string, unknown>;
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      out[key] = toPlain(pair.value);
    }
    return out;
  }
  if (isSeq(node)) return node.items.map(toPlain);
  if (isScalar(node)) return node.value;
  if (isAlias(node)) return undefined;
  return node ?? null;
}

/** Levels of nested keys whose positions a persona keeps (`targets.claude.model` is three). */
const POSITION_DEPTH = 3;

/**
 * The position of every frontmatter key down to three levels, by dotted path (`targets.claude`,
 * `targets.claude.model`): what compile diagnostics point at, long after the YAML is gone.
 */
export function keyPositions(frontmatter: Frontmatter): Record<string, { key: Position; value: Position }> {
  const out: Record<string, { key: Position; value: Position }> = {};
  const walk = (value: unknown, path: readonly (string | number)[]) => {
    if (path.length >= POSITION_DEPTH || value === null || typeof value !== "object") return;
    // List entries are keyed by index (`include.0`): a fragment that cannot be read is reported
    // at its own line, not at the list's key.
    const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
    for (const key of keys) {
      const at = [...path, key];
      out[at.join(".")] = { key: frontmatter.keyAt(at), value: frontmatter.valueAt(at) };
      walk((value as Record<string | number, unknown>)[key], at);
    }
  };
  walk(frontmatter.data, []);
  return out;
}
