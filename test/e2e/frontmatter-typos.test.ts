import { readdirSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { makeProject, type Project } from "../helpers/cli.js";

// The mistakes people make in frontmatter, each run through the real binary: the exact line
// printed (message, line and column) and the exit code of `validate` and `build`. An error writes
// nothing; a warning builds.

const BODY = "# Reviewer\n\nReviews every change before it is merged.\n";
const file = (frontmatter: string, body = BODY) => `---\n${frontmatter}\n---\n${body}`;

interface Case {
  name: string;
  text: string;
  /** The diagnostic lines printed for personas/p.md, in order. */
  printed: string[];
  /** Exit code of `validate` and of `build` (1 for an error, 0 for warnings alone). */
  exit: 0 | 1;
}

const CASES: Case[] = [
  {
    name: "unclosed list",
    text: file("name: p\ntools: [Read, Grep\nmodel: sonnet"),
    printed: [
      "personas/p.md:3:8: error frontmatter/yaml-syntax: Unclosed `[` in the `tools` value, expected a matching `]`",
    ],
    exit: 1,
  },
  {
    name: "unclosed mapping",
    text: file("name: p\ntargets: { claude: { color: blue }\nmodel: sonnet"),
    printed: [
      "personas/p.md:3:10: error frontmatter/yaml-syntax: Unclosed `{` in the `targets` value, expected a matching `}`",
    ],
    exit: 1,
  },
  {
    name: "unclosed double quote",
    text: file('name: p\ndescription: "Reviews every change\nmodel: sonnet'),
    printed: [
      'personas/p.md:3:14: error frontmatter/yaml-syntax: Unclosed `"` in the `description` value, expected a matching `"`',
    ],
    exit: 1,
  },
  {
    name: "unclosed single quote",
    text: file("name: p\ndescription: 'Reviews every change"),
    printed: [
      "personas/p.md:3:14: error frontmatter/yaml-syntax: Unclosed `'` in the `description` value, expected a matching `'`",
    ],
    exit: 1,
  },
  {
    name: "text after a closed quote",
    text: file('name: p\ndescription: "Reviews" every change'),
    printed: [
      "personas/p.md:3:24: error frontmatter/yaml-syntax: Unexpected scalar at node end [yaml/UNEXPECTED_TOKEN]",
    ],
    exit: 1,
  },
  {
    name: "tab indentation",
    text: file("name: p\ntriggers:\n\tkeywords: [review]"),
    printed: [
      "personas/p.md:4:1: error frontmatter/yaml-syntax: Tabs are not allowed as indentation [yaml/TAB_AS_INDENT]",
    ],
    exit: 1,
  },
  {
    name: "duplicate key",
    text: file("name: p\ndescription: a\ndescription: b"),
    printed: [
      'personas/p.md:4:1: error frontmatter/duplicate-key: Unexpected duplicate key "description" [yaml/DUPLICATE_KEY]',
    ],
    exit: 1,
  },
  {
    name: "misspelt key",
    text: file("name: p\ndescripton: Reviews every change."),
    printed: [
      "personas/p.md:3:1: warning frontmatter/unknown-key: Unknown key `descripton` (did you mean `description`?): persona does not read it. To keep it as data, move it under `meta:` or name it `x-descripton`",
    ],
    exit: 0,
  },
  {
    name: "another tool's field at the top level",
    text: file("name: p\ncolor: blue"),
    printed: [
      "personas/p.md:3:1: warning frontmatter/unknown-key: Unknown key `color`: persona does not read it; a target takes it as `targets.claude.color` or `targets.opencode.color`. To keep it as data, move it under `meta:` or name it `x-color`",
    ],
    exit: 0,
  },
  {
    name: "own data under meta: and x-",
    text: file("name: p\nx-owner: platform\nmeta:\n  category: review"),
    printed: [],
    exit: 0,
  },
  {
    name: "Cursor's unquoted glob",
    text: file("name: p\nglobs: **/*.ts"),
    printed: [
      'personas/p.md:3:8: warning frontmatter/lenient-yaml: Unquoted `*` starting the `globs` value: strict YAML reads it as an alias; read as the text "**/*.ts" (quote the value to silence this)',
    ],
    exit: 0,
  },
  {
    name: "unquoted colon in a description",
    text: file("name: p\ndescription: Use for: reviews"),
    printed: [
      'personas/p.md:3:14: warning frontmatter/lenient-yaml: Unquoted `: ` inside the `description` value: strict YAML reads it as a nested key; read as the text "Use for: reviews" (quote the value to silence this)',
    ],
    exit: 0,
  },
  {
    name: "no description and no first paragraph",
    text: file("name: p", "# Reviewer\n\n## Focus Areas\n- Tests\n"),
    printed: [
      "personas/p.md:1:1: warning persona/no-description: No `description`, and no first paragraph to take one from: Claude Code does not load an agent without one, and tools choose personas by it; add `description:` saying when to use this persona",
    ],
    exit: 0,
  },
  {
    name: "scaffold placeholder left in",
    text: file(
      "name: p\ndescription: Use when <the situations this persona should handle; one sentence, it is how tools decide to activate it>.",
    ),
    printed: [
      'personas/p.md:3:23: warning persona/scaffold-placeholder: Unexpected scaffold placeholder "<the situations this persona should handle; one sentence, it is how tools decide to activate it>", expected your own text (`persona new` left it to be filled in)',
    ],
    exit: 0,
  },
];

/** The diagnostic lines of a run's stderr (the summary line is not one). */
const diagnostics = (stderr: string) => stderr.split("\n").filter((l) => l.startsWith("personas/"));

describe("the frontmatter typo table, through the built binary", () => {
  const projects: Project[] = [];
  afterAll(async () => {
    for (const p of projects) await p.remove();
  });

  it.each(CASES)("$name", async ({ text, printed, exit }) => {
    const p = await makeProject({ "personas/p.md": text });
    projects.push(p);
    const validated = await p.run("validate");
    expect(diagnostics(validated.stderr)).toEqual(printed);
    expect(validated.code).toBe(exit);

    const built = await p.run("build", "--target", "claude");
    expect(diagnostics(built.stderr)).toEqual(printed);
    expect(built.code).toBe(exit);
    const written = readdirSync(p.dir).filter((n) => n === ".claude");
    expect(written).toEqual(exit === 0 ? [".claude"] : []);

    // With `--max-warnings 0` any of these warnings fails the run.
    if (printed.length > 0 && exit === 0) {
      const strict = await p.run("validate", "--max-warnings", "0");
      expect(strict.code).toBe(1);
    }
  });
});
