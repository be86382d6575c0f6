import { describe, expect, it } from "vitest";
import { linesOf } from "../../src/formats/lines.js";

describe("linesOf", () => {
  it.each(["", "one", "one\n", "\n", "\r\n", "a\r\nb\nc\r\n", "lone\rcarriage\r\r\nreturn\r", "\n\n\r\n\r\r\n"])(
    "gives the lines replace(/\\r\\n/g) then split gives: %j",
    (text) => {
      expect([...linesOf(text)]).toEqual(text.replace(/\r\n/g, "\n").split("\n"));
    },
  );

  it.each(["", "a\r\nb\nc\r\n", "lone\rcarriage\r\r\nreturn\r", "— dash ✓\n日本語\r\n😀 end"])(
    "gives the same lines from the text's UTF-8 bytes, each decoded on its own: %j",
    (text) => {
      expect([...linesOf(new Uint8Array(Buffer.from(text, "utf8")))]).toEqual([...linesOf(text)]);
    },
  );
});
