import { describe, expect, it } from "vitest";
import { linesOf } from "../../src/formats/lines.js";

describe("linesOf", () => {
  it.each(["", "one", "one\n", "\n", "\r\n", "a\r\nb\nc\r\n", "lone\rcarriage\r\r\nreturn\r", "\n\n\r\n\r\r\n"])(
    "gives the lines replace(/\\r\\n/g) then split gives: %j",
    (text) => {
      expect([...linesOf(text)]).toEqual(text.replace(/\r\n/g, "\n").split("\n"));
    },
  );
});
