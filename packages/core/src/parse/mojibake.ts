import { type Diagnostic, diagnostic } from "../diagnostics/diagnostic.js";
import { MESSAGES, RULES } from "../diagnostics/rules.js";
import type { LineIndex } from "./text.js";

/**
 * Finds encoding damage: UTF-8 text that was once decoded as Mac Roman or Windows-1252 (Latin-1)
 * and saved again, so `🐍` became `üêç` and `é` became `Ã©`. Each run is reported once, at its
 * first character, with the text it most likely was; the source is never rewritten (the author
 * fixes it, persona cannot know for sure).
 *
 * False positives are kept away by what a damaged run must be: consecutive non-ASCII characters
 * that all map back to bytes of one code page, forming complete, strictly valid UTF-8 sequences.
 * A two-byte sequence counts only when it decodes to a Latin letter or symbol (U+00A0–U+02FF), which
 * is what such damage produces from European text; three- and four-byte sequences (punctuation,
 * symbols, emoji) must decode to an assigned, non-private, non-control character. Legitimate text
 * (`“école”`, `Größe`, CJK, arrows, emoji) does not pass: it either is not in the code page or does
 * not form UTF-8.
 */

interface CodePage {
  name: string;
  /** Character → the byte (0x80–0xFF) the code page decodes to it. */
  bytes: Map<string, number>;
}

// Bytes 0x80–0xFF of each code page, written out so no ICU data is needed (Node's small-ICU
// builds decode windows-1252's 0x80–0x9F as C1 controls, and browsers may lack `macintosh`).
const MAC_ROMAN =
  "ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»…\u00a0ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uf8ffÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ";
// Windows-1252's 0x80–0x9F; the five bytes it leaves undefined read as Latin-1's C1 controls.
const WINDOWS_1252_C1 = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

function codePage(name: string, high: string): CodePage {
  const bytes = new Map<string, number>();
  for (const [i, ch] of [...high].entries()) bytes.set(ch, 0x80 + i);
  return { name, bytes };
}

// Built on first use: almost every file is pure ASCII or has no damage.
let pages: CodePage[] | undefined;
function codePages(): CodePage[] {
  if (pages === undefined) {
    let latin1 = "";
    for (let cp = 0xa0; cp <= 0xff; cp++) latin1 += String.fromCodePoint(cp);
    const windows = codePage("Windows-1252 (Latin-1)", WINDOWS_1252_C1 + latin1);
    // A file read as true Latin-1 has C1 controls where Windows-1252 has punctuation.
    for (let b = 0x80; b <= 0x9f; b++)
      if (!windows.bytes.has(String.fromCodePoint(b))) windows.bytes.set(String.fromCodePoint(b), b);
    pages = [windows, codePage("Mac Roman", MAC_ROMAN)];
  }
  return pages;
}

const NOT_TEXT = /\p{Cn}|\p{Co}|\p{Cc}|\p{Cs}/u;
const strict = new TextDecoder("utf-8", { fatal: true });

/** A damaged stretch: offsets into the source, the code page it went through, and the text it was. */
interface Damage {
  start: number;
  end: number;
  page: string;
  intended: string;
}

/** Finds every run of mojibake in a text (see the module comment). */
export function findMojibake(source: string): Damage[] {
  // A cheap gate: damage needs two non-ASCII characters in a row.
  if (!/[^\x00-\x7f]{2}/.test(source)) return [];
  const out: Damage[] = [];
  for (const run of source.matchAll(/[^\x00-\x7f]{2,}/gu)) {
    const chars = [...run[0]];
    const offsets: number[] = [];
    let at = run.index;
    for (const ch of chars) {
      offsets.push(at);
      at += ch.length;
    }
    offsets.push(at);
    let best: Damage[] = [];
    for (const page of codePages()) {
      const found = damageIn(chars, offsets, page);
      const covered = (ds: Damage[]) => ds.reduce((n, d) => n + d.end - d.start, 0);
      if (covered(found) > covered(best)) best = found;
    }
    out.push(...best);
  }
  return out;
}

/** The damaged stretches of one run of non-ASCII characters, read through one code page. */
function damageIn(chars: readonly string[], offsets: readonly number[], page: CodePage): Damage[] {
  const bytes = chars.map((ch) => page.bytes.get(ch));
  const out: Damage[] = [];
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes[i]);
    const slice = bytes.slice(i, i + length);
    const decoded = length > 1 && slice.length === length ? decode(slice) : undefined;
    if (decoded === undefined || !plausible(decoded, length)) {
      i++;
      continue;
    }
    const last = out[out.length - 1];
    if (last !== undefined && last.end === offsets[i]) {
      last.end = offsets[i + length] as number;
      last.intended += decoded;
    } else {
      out.push({ start: offsets[i] as number, end: offsets[i + length] as number, page: page.name, intended: decoded });
    }
    i += length;
  }
  return out;
}

/** How many bytes a UTF-8 sequence starting with this byte has (1 when it cannot start one). */
function sequenceLength(byte: number | undefined): number {
  if (byte === undefined) return 1;
  if (byte >= 0xc2 && byte <= 0xdf) return 2;
  if (byte >= 0xe0 && byte <= 0xef) return 3;
  if (byte >= 0xf0 && byte <= 0xf4) return 4;
  return 1;
}

function decode(bytes: readonly (number | undefined)[]): string | undefined {
  if (bytes.some((b) => b === undefined)) return undefined;
  try {
    return strict.decode(new Uint8Array(bytes as number[]));
  } catch {
    return undefined;
  }
}

function plausible(decoded: string, length: number): boolean {
  const cp = decoded.codePointAt(0) ?? 0;
  if (length === 2) return cp >= 0xa0 && cp <= 0x2ff;
  return !NOT_TEXT.test(decoded);
}

/** Warnings for every damaged run of a source, at its first character. */
export function scanMojibake(source: string, file: string, index: LineIndex): Diagnostic[] {
  return findMojibake(source).map((d) =>
    diagnostic(
      "warning",
      RULES.mojibake,
      MESSAGES.mojibake(source.slice(d.start, d.end), d.intended, d.page),
      file,
      index.position(d.start),
    ),
  );
}
