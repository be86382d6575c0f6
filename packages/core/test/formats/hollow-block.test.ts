import { describe, expect, it } from "vitest";
import { hollowBlock } from "../../src/formats/block.js";
import { compile, formats, targets } from "../../src/index.js";
import { casePersonas, cases } from "../compile-support.js";

// A build merges a shared file's new block into the user's file with the old block hollowed out
// (at 10,000 personas the old block is tens of megabytes). The merge must not notice.
const merged = [
  {
    target: "roo",
    path: ".roomodes",
    format: formats.yaml,
    around: [
      "# my modes\ncustomModes:\n  - slug: mine\n    name: Mine\n    roleDefinition: r\n    groups: [read]\n",
      "# after\n",
    ],
  },
  {
    target: "agents-md",
    path: "AGENTS.md",
    format: formats["managed-block"],
    around: ["# Team notes\r\n\r\n", "\n\nMore of mine.\n"],
  },
  {
    target: "copilot",
    path: ".github/copilot-instructions.md",
    format: formats["managed-block"],
    around: ["", "\ntail"],
  },
] as const;

describe("hollowBlock", () => {
  const personas = cases
    .flatMap((name) => casePersonas(name))
    .filter((p, i, all) => all.findIndex((q) => q.id === p.id) === i);
  for (const { target, path, format, around } of merged) {
    const build = (existing?: string) => {
      const options = {
        targets: [target],
        ...(existing === undefined ? {} : { existing: new Map([[path, existing]]) }),
      };
      return compile(personas, options).files.find((f) => f.path === path)?.contents ?? "";
    };
    // The user's file, with persona's block merged in.
    const [before, after] = around;
    const file = build(`${before}${after}`);
    const begin = file.indexOf(format.begin);

    it(`${target}: merges persona's block into the user's file, keeping their bytes (CRLF too)`, () => {
      expect(file.startsWith(before)).toBe(true);
      expect(file).toContain(after);
      expect(begin).toBeGreaterThanOrEqual(before.length);
    });

    it(`${target}: leaves the begin and end lines of an intact block and nothing between`, () => {
      const hollow = hollowBlock(format, file);
      expect(begin).toBeGreaterThanOrEqual(0);
      expect(hollow).toBe(`${file.slice(0, begin)}${format.begin}\n${file.slice(file.indexOf(format.end))}`);
      expect(hollow.length).toBeLessThan(file.length / 2);
    });

    it(`${target}: merging into the hollowed text gives the file merging into the whole gives`, () => {
      const again = personas.slice(1);
      const shared = (existing: string) =>
        compile(again, { targets: [target], existing: new Map([[path, existing]]) }).files.filter(
          (f) => f.path === path,
        );
      const whole = shared(file);
      const hollowed = shared(hollowBlock(format, file));
      expect(hollowed.map((f) => f.contents)).toEqual(whole.map((f) => f.contents));
      expect(whole.map((f) => f.path)).toEqual([path]);
      expect(whole[0]?.contents).not.toBe(file);
    });

    it(`${target}: leaves a block edited by hand (not intact) whole, for the merge to judge`, () => {
      const edited = file.replace(format.end, `hand edit\n${format.end}`);
      expect(hollowBlock(format, edited)).toBe(edited);
      expect(hollowBlock(format, `${before}${after}`)).toBe(`${before}${after}`);
      expect(hollowBlock(format, Buffer.from(edited))).toBe(edited);
    });

    it(`${target}: reads the file's bytes as it reads its text: intact, hollowed, parts given back`, () => {
      const bytes = new Uint8Array(Buffer.from(file, "utf8"));
      const key = format.intact(file)?.build;
      expect(key).toMatch(/^[0-9a-f]{16}$/);
      expect(format.intact(bytes)?.build).toBe(key);
      expect(hollowBlock(format, bytes)).toBe(hollowBlock(format, file));
      const parts = targets[target].recoverParts?.(file);
      expect(parts?.size).toBeGreaterThan(0);
      expect(targets[target].recoverParts?.(bytes)).toEqual(parts);
      // The same with every line ending in CRLF, and with a hand edit (the hash then disagrees).
      const crlf = file.replace(/\r?\n/g, "\r\n");
      expect(format.intact(Buffer.from(crlf))?.build).toBe(key);
      expect(targets[target].recoverParts?.(Buffer.from(crlf))).toEqual(parts);
      const edited = Buffer.from(file.replace(format.end, `hand edit\n${format.end}`));
      expect(format.intact(edited)).toBeUndefined();
    });
  }
});
