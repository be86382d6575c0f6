/**
 * Characters never printed raw: controls (ANSI escapes can erase or fake lines in a terminal or
 * CI log), line and paragraph separators that would split a one-line diagnostic, and the
 * invisible characters persona reports in personas (zero-width, bidi controls, Unicode tags,
 * fillers). Emoji variation selectors FE00–FE0F stay: they are part of visible text.
 */
function isUnsafe(cp: number): boolean {
  return (
    (cp < 0x20 && cp !== 0x09) ||
    (cp >= 0x7f && cp <= 0x9f) ||
    cp === 0x00ad ||
    cp === 0x034f ||
    cp === 0x061c ||
    cp === 0x115f ||
    cp === 0x1160 ||
    cp === 0x180e ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x2028 && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x2064) ||
    (cp >= 0x2066 && cp <= 0x2069) ||
    cp === 0x3164 ||
    cp === 0xfeff ||
    cp === 0xffa0 ||
    (cp >= 0xe0000 && cp <= 0xe007f) ||
    (cp >= 0xe0100 && cp <= 0xe01ef)
  );
}

// A cheap gate so ordinary text skips the per-character walk.
const MAYBE_UNSAFE =
  /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\u3164\ufeff\uffa0\udb40]|\u034f/;

/**
 * Makes text from files and messages safe to print on one line: every control or invisible
 * character becomes `<U+XXXX>`, so output never carries it raw. Tabs are kept.
 */
export function sanitize(text: string): string {
  if (!MAYBE_UNSAFE.test(text)) return text;
  let out = "";
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    out += isUnsafe(cp) ? `<U+${cp.toString(16).toUpperCase().padStart(4, "0")}>` : ch;
  }
  return out;
}
