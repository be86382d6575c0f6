import { type Diagnostic, diagnostic } from "../diagnostics/diagnostic.js";
import { codePointLabel, MESSAGES, RULES } from "../diagnostics/rules.js";
import type { LineIndex } from "./text.js";

/**
 * Finds invisible characters that can hide instructions from a human reviewer while an AI tool still
 * reads them ("Rules File Backdoor", trojan-source). Reported one diagnostic per run of adjacent
 * characters of the same kind, at the run's first character, naming the code points and never
 * echoing the raw characters. Visible non-ASCII text (CJK, emoji, arrows) is untouched; a ZWJ
 * inside an emoji sequence and ZWNJ/ZWJ between letters of scripts that need them are allowed.
 */

type Kind = "tag" | "bidi" | "zero-width" | "invisible" | "bidi-mark" | "control";

// A cheap gate: almost every file has none of these, so the per-character walk is skipped.
const SUSPECT =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u3164\ufeff\uffa0]|\u034f|\udb40[\udc00-\uddef]/;

const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
const NON_ASCII_LETTER = /[^\p{ASCII}]/u;
const LETTER = /\p{L}|\p{M}/u;

function classify(cp: number): Kind | undefined {
  if (cp >= 0xe0000 && cp <= 0xe007f) return "tag";
  if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) return "bidi";
  if ((cp >= 0x200b && cp <= 0x200d) || (cp >= 0x2060 && cp <= 0x2064) || cp === 0xfeff) return "zero-width";
  if (cp === 0x200e || cp === 0x200f || cp === 0x061c) return "bidi-mark";
  if (
    cp === 0x00ad ||
    cp === 0x034f ||
    cp === 0x115f ||
    cp === 0x1160 ||
    cp === 0x180e ||
    cp === 0x3164 ||
    cp === 0xffa0 ||
    (cp >= 0xe0100 && cp <= 0xe01ef)
  )
    return "invisible";
  if ((cp < 0x20 && cp !== 0x09 && cp !== 0x0a) || (cp >= 0x7f && cp <= 0x9f)) return "control";
  return undefined;
}

function isJoinerAllowed(cp: number, prev: string | undefined, next: string | undefined): boolean {
  if (cp !== 0x200d && cp !== 0x200c) return false;
  if (prev === undefined || next === undefined) return false;
  // Emoji ZWJ sequences: 👩‍💻, ❤️‍🔥 (VS16 or a skin-tone modifier may precede the joiner).
  const prevCp = prev.codePointAt(0) ?? 0;
  const prevIsEmoji = PICTOGRAPHIC.test(prev) || prevCp === 0xfe0f || (prevCp >= 0x1f3fb && prevCp <= 0x1f3ff);
  if (cp === 0x200d && prevIsEmoji && PICTOGRAPHIC.test(next)) return true;
  // Persian, Indic and other scripts use ZWNJ/ZWJ between letters as ordinary orthography.
  return LETTER.test(prev) && LETTER.test(next) && NON_ASCII_LETTER.test(prev) && NON_ASCII_LETTER.test(next);
}

const KIND_LABEL: Record<Kind, string> = {
  tag: "Unicode tag",
  bidi: "bidirectional control",
  "zero-width": "zero-width",
  invisible: "invisible",
  "bidi-mark": "direction mark",
  control: "control",
};

function describeRun(codePoints: number[]): string {
  const shown = codePoints.slice(0, 8).map(codePointLabel).join(" ");
  return codePoints.length > 8 ? `${shown} …` : shown;
}

function decodeTags(codePoints: number[]): string | undefined {
  const printable = codePoints.filter((cp) => cp >= 0xe0020 && cp <= 0xe007e);
  if (printable.length === 0) return undefined;
  return printable.map((cp) => String.fromCharCode(cp - 0xe0000)).join("");
}

/** The code point starting at a UTF-16 offset, as a string; undefined past the end. */
function codePointAt(text: string, offset: number): string | undefined {
  const cp = text.codePointAt(offset);
  return cp === undefined ? undefined : String.fromCodePoint(cp);
}

/** The code point ending just before a UTF-16 offset, as a string; undefined at the start. */
function codePointBefore(text: string, offset: number): string | undefined {
  if (offset === 0) return undefined;
  const low = text.charCodeAt(offset - 1);
  const high = offset >= 2 ? text.charCodeAt(offset - 2) : 0;
  const pair = low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
  return text.slice(pair ? offset - 2 : offset - 1, offset);
}

/** Scans text for hidden characters; `file` names the file in the diagnostics. */
export function scanHiddenUnicode(text: string, file: string, index: Pick<LineIndex, "position">): Diagnostic[] {
  if (!SUSPECT.test(text)) return [];
  const out: Diagnostic[] = [];
  let run: { kind: Kind; start: number; codePoints: number[] } | undefined;
  const flush = () => {
    if (!run) return;
    const at = index.position(run.start);
    if (run.kind === "bidi-mark") {
      for (const cp of run.codePoints)
        out.push(diagnostic("warning", RULES.bidiMark, MESSAGES.bidiMark(codePointLabel(cp)), file, at));
    } else if (run.kind === "control") {
      out.push(
        diagnostic("error", RULES.controlCharacter, MESSAGES.controlCharacter(describeRun(run.codePoints)), file, at),
      );
    } else {
      const decoded = run.kind === "tag" ? decodeTags(run.codePoints) : undefined;
      out.push(
        diagnostic(
          "error",
          RULES.hiddenUnicode,
          MESSAGES.hiddenRun(run.codePoints.length, KIND_LABEL[run.kind], describeRun(run.codePoints), decoded),
          file,
          at,
        ),
      );
    }
    run = undefined;
  };
  // Walked by code point without splitting the text into an array: generated files can be tens
  // of megabytes (an MCP prompts file for thousands of personas).
  for (let offset = 0; offset < text.length; ) {
    const cp = text.codePointAt(offset) ?? 0;
    const width = cp > 0xffff ? 2 : 1;
    let kind = classify(cp);
    if (kind === "zero-width" && isJoinerAllowed(cp, codePointBefore(text, offset), codePointAt(text, offset + width)))
      kind = undefined;
    if (kind === undefined) {
      flush();
    } else if (run && run.kind === kind) {
      run.codePoints.push(cp);
    } else {
      flush();
      run = { kind, start: offset, codePoints: [cp] };
    }
    offset += width;
  }
  flush();
  return out;
}
