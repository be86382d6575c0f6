import { describe, expect, it } from "vitest";
import { normalizeOutput } from "../../src/formats/marker.js";
import { RawJson, stableStringify } from "../../src/formats/stable-json.js";
import { scanHiddenUnicode } from "../../src/parse/hidden-unicode.js";
import { LineIndex } from "../../src/parse/text.js";

// The regex form normalizeOutput had before it learned to avoid copies; kept as the reference.
const reference = (text: string) =>
  `${text
    .replace(/\r\n?/g, "\n")
    .replace(/^\uFEFF/, "")
    .replace(/\s+$/, "")}\n`;

describe("finalise on large outputs", () => {
  it("normalizeOutput matches the plain regex form, and returns a normalised text as it is", () => {
    const samples = [
      "a\n",
      "a",
      "a\n\n\n",
      "\uFEFFa\r\nb\r\n",
      "a\rb",
      "x  \t\n \n",
      "",
      "\n",
      "a\u00a0\n",
      "a\uFEFF",
      `${" ".repeat(5_000)}x${" ".repeat(5_000)}`,
    ];
    for (const text of samples) expect(normalizeOutput(text), JSON.stringify(text.slice(0, 20))).toBe(reference(text));
    const done = `${"line\n".repeat(10)}`;
    expect(normalizeOutput(done)).toBe(done);
  });

  it("stableStringify embeds RawJson made at the same indent byte for byte", () => {
    const prompt = { name: "a", arguments: [{ required: true, name: "x" }], messages: [] };
    const direct = stableStringify({ $comment: "c", prompts: [prompt, prompt] });
    const raw = new RawJson(stableStringify(prompt, "    "));
    expect(stableStringify({ $comment: "c", prompts: [raw, raw] })).toBe(direct);
    expect(JSON.parse(direct)).toEqual({ $comment: "c", prompts: [prompt, prompt] });
  });

  it("scans a multi-megabyte text by code point: emoji joiners pass, a hidden one is placed", () => {
    const filler = "ordinary text, nothing hidden here\n".repeat(100_000);
    const text = `${filler}👩‍💻 and ❤️‍🔥\nx\u200By\n`;
    const found = scanHiddenUnicode(text, "big.json", new LineIndex(text));
    expect(found.map((d) => [d.line, d.column, d.severity])).toEqual([[100_002, 2, "error"]]);
  });
});
