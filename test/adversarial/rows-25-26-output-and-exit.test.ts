import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, rmdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { annotation, escapeData, escapeProperty } from "../../packages/cli/src/report/github.js";
import { ALL_RULE_IDS } from "../../packages/cli/src/report/sarif.js";
import { BIN, persona, project, runShell, runToFile } from "./harness.js";

// ADVERSARIAL.md rows 25–26: machine-readable output that is complete when piped and cannot
// inject GitHub workflow commands, and exit codes with one-line messages for every failure.

const HOSTILE_FILE = "personas/a\n::error::pwned,x:y%.md";

/** 500 errors in one file (zero-width spaces between letters), plus two hostile ones. */
async function manyFindings() {
  const words = Array.from({ length: 500 }, (_, i) => `w${i}\u200Bx`).join(" ");
  const p = await project({
    "personas/many.md": `---\nname: many\ndescription: d\n---\n# Many\n\n${words}\n`,
    "personas/b-name.md": '---\nname: "100%, a:b\\n::error::pwned"\n---\n# Name\n',
    "personas/mark.md": "---\nname: mark\ndescription: d\n---\n# Mark\n\nA mark \u200E here.\n",
  });
  await writeFile(p.path(HOSTILE_FILE), "---\nname: hostile\n---\n# H\n\nBad \u200B here.\n");
  return p;
}

interface SarifLog {
  version: string;
  $schema: string;
  runs: {
    tool: { driver: { name: string; version: string; rules: { id: string }[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: {
        physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } };
      }[];
    }[];
  }[];
}

describe("row 25: 500 findings as JSON, SARIF and GitHub annotations", () => {
  it("writes complete JSON and SARIF into a file and through a pipe", async () => {
    const p = await manyFindings();
    const json = await runToFile(["validate", "--format", "json"], { cwd: p.dir, file: p.path("out.json") });
    expect(json.code).toBe(1);
    expect(json.stdout.length).toBeGreaterThan(64 * 1024);
    const data = JSON.parse(json.stdout) as { ok: boolean; diagnostics: { rule: string }[] };
    expect(data.ok).toBe(false);
    expect(data.diagnostics).toHaveLength(503);

    const sarif = await runToFile(["build", "--format", "sarif"], { cwd: p.dir, file: p.path("out.sarif") });
    expect(sarif.code).toBe(1);
    expect(sarif.stderr).toBe("");
    const log = JSON.parse(sarif.stdout) as SarifLog;
    expect(log.version).toBe("2.1.0");
    expect(log.$schema).toContain("sarif-2.1.0");
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0];
    expect(run?.tool.driver.name).toBe("persona");
    expect(run?.tool.driver.rules.map((r) => r.id)).toEqual(ALL_RULE_IDS);
    // Plus notes (infos: what a target left out, such as Cline skipping a persona without file triggers).
    expect(run?.results.filter((r) => r.level !== "note")).toHaveLength(503);
    expect(run?.results.filter((r) => r.level === "note").every((r) => r.ruleId === "target/left-out")).toBe(true);
    for (const result of run?.results ?? []) {
      expect(run?.tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
      const region = result.locations[0]?.physicalLocation.region;
      expect(region?.startLine).toBeGreaterThan(0);
      expect(region?.startColumn).toBeGreaterThan(0);
    }
    const hostile = run?.results.find((r) =>
      r.locations[0]?.physicalLocation.artifactLocation.uri.startsWith("personas/a"),
    );
    expect(hostile?.locations[0]?.physicalLocation.artifactLocation.uri).toBe(
      "personas/a%0A%3A%3Aerror%3A%3Apwned%2Cx%3Ay%25.md",
    );
    expect(run?.results.find((r) => r.level === "warning")?.ruleId).toBe("security/bidi-mark");

    // Through a pipe, too: the process sets its exit code and lets stdout drain.
    const piped = await p.run("build", "--format", "sarif");
    expect(piped.stdout).toBe(sarif.stdout);
  });

  it("GitHub annotations: 10 errors and 10 warnings at most, escaped, then the rest as plain lines", async () => {
    const p = await manyFindings();
    const r = await p.run("build", "--format", "github");
    expect(r.code).toBe(1);
    const lines = r.stdout.split("\n").filter((l) => l !== "");
    const commands = lines.filter((l) => l.trimStart().startsWith("::"));
    expect(commands.filter((l) => l.startsWith("::error ")).length).toBe(10);
    expect(commands.filter((l) => l.startsWith("::warning ")).length).toBe(1);
    expect(commands).toHaveLength(11);
    // No injected command: every command line is an annotation persona wrote.
    expect(commands.every((l) => /^::(error|warning) file=[^:]*,line=\d+,col=\d+,title=[^:]*::/.test(l))).toBe(true);
    expect(r.stdout).toContain(
      "::error file=personas/a%0A%3A%3Aerror%3A%3Apwned%2Cx%3Ay%25.md,line=6,col=5,title=security/hidden-unicode::",
    );
    expect(r.stdout).toContain('Unexpected name "100%25, a:b\\n::error::pwned"');
    expect(lines.filter((l) => l.startsWith("- personas/many.md:"))).toHaveLength(492);
    expect(lines.at(-1)).toBe(
      "persona: 492 errors in 1 file not annotated (GitHub shows at most 10 errors and 10 warnings per step); they are listed above",
    );
    expect(r.stderr).toBe("1 persona: 502 errors and 1 warning in 4 files; nothing written\n");
  });

  it("escapes data and properties like @actions/core", () => {
    expect(escapeData("100% done\r\n::error::pwned")).toBe("100%25 done%0D%0A::error::pwned");
    expect(escapeProperty("a,b:c%\n")).toBe("a%2Cb%3Ac%25%0A");
    expect(escapeData("%0A")).toBe("%250A");
    const line = annotation({
      severity: "error",
      rule: "x/y",
      message: "m,1: 50%\n::warning::fake",
      file: "p/a,b:c.md",
      line: 3,
      column: 4,
    });
    expect(line).toBe("::error file=p/a%2Cb%3Ac.md,line=3,col=4,title=x/y::m,1: 50%25<U+000A>::warning::fake");
    expect(line.split("\n")).toHaveLength(1);
  });
});

describe("row 26: exit codes and one-line failures", () => {
  it("an unknown flag: exit 2, the message and a hint, no stack", async () => {
    const p = await project({ "personas/a.md": persona("alpha") });
    const r = await p.run("build", "--nope");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("persona build: unknown option --nope\nRun `persona build --help` for usage.\n");
    const format = await p.run("build", "--format", "xml");
    expect(format.code).toBe(2);
    expect(format.stderr.split("\n")[0]).toBe(
      'persona build: unknown format "xml"; valid formats: human, json, sarif, github',
    );
  });

  it("an unreadable or invalid config: exit 2 with one line", async () => {
    const p = await project({ "personas/a.md": persona("alpha") });
    await mkdir(p.path("persona.config.json"));
    const r = await p.run("build");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("persona: cannot read config persona.config.json: EISDIR\n");
    await rmdir(p.path("persona.config.json"));
    await writeFile(p.path("persona.config.json"), "{ nope\n");
    const bad = await p.run("build");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^persona\.config\.json:\d+:\d+: error config\/syntax: /);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  it("an internal exception: exit 2, one line and a hint; the stack only with --verbose", async () => {
    const p = await project({ "personas/a.md": persona("alpha") });
    // Fault injection: every way of listing a folder throws an unexpected (non-persona) error.
    const fault = p.path("fault.cjs");
    await writeFile(
      fault,
      [
        'const fs = require("node:fs");',
        'const boom = () => { throw new Error("boom in /secret/place"); };',
        "fs.readdirSync = boom;",
        "fs.promises.readdir = async () => boom();",
        'require("node:module").syncBuiltinESMExports();',
      ].join("\n"),
    );
    const env = { NODE_OPTIONS: `--require ${fault}` };
    const r = await p.runWith(env, "build");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "persona: internal error: boom in /secret/place\nThis is a bug in persona. Run again with --verbose for the stack trace.\n",
    );
    const verbose = await p.runWith(env, "build", "--verbose");
    expect(verbose.code).toBe(2);
    expect(verbose.stderr).toMatch(/^persona: internal error: Error: boom in \/secret\/place\n\s+at /);
  });

  it("a deleted working folder: exit 2 with one line, not a crash", async () => {
    const dir = await mkdtemp(join(tmpdir(), "persona-gone-"));
    const r = await runShell(`cd "${dir}" && rmdir "${dir}"`, ["build"], { cwd: tmpdir() });
    await rm(dir, { recursive: true, force: true });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("persona: cannot read the current folder (ENOENT); was it deleted?\n");
  });

  it("`persona build --check | head -1` stops quietly with the real exit code (1)", async () => {
    const files = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`personas/p${i}.md`, persona(`p${i}`)]));
    const p = await project(files);
    const command = `"${process.execPath}" "${BIN}" build --check | head -1; echo "rc=\${PIPESTATUS[0]}" >&2`;
    const { stdout, stderr } = await promisify(execFile)("bash", ["-c", command], { cwd: p.dir });
    expect(stdout.split("\n")).toHaveLength(2);
    expect(stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
    expect(stderr).toMatch(/rc=1\n$/);
  });
});
