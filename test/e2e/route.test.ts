import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, personaFolder, personaText } from "./mcp-harness.js";

describe("persona route", () => {
  let folder: Awaited<ReturnType<typeof personaFolder>>;
  const run = (...args: string[]) => {
    const result = spawnSync(process.execPath, [BIN, "route", ...args, "--personas", folder.dir], {
      cwd: folder.dir,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  beforeAll(async () => {
    folder = await personaFolder({
      "backend.md": personaText("backend", { keywords: ["API", "database"], files: ["**/api/**"] }),
      "data.md": personaText("data", { keywords: ["SQL", "database"], files: ["**/*.sql"] }),
      "devops.md": personaText("devops", { keywords: ["CI/CD", "deploy"] }),
    });
  });
  afterAll(async () => {
    await folder?.remove();
  });

  it("prints the ranking with its reasons", () => {
    const { code, stdout, stderr } = run("Speed up the database API", "--file", "src/api/users.ts");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        "1. backend  backend persona  score 7",
        '   +2 keyword "database" matched "database" at 13',
        '   +2 keyword "API" matched "API" at 22',
        "   +3 file src/api/users.ts matched **/api/**",
        "2. data  data persona  score 2",
        '   +2 keyword "database" matched "database" at 13',
        "",
      ].join("\n"),
    );
  });

  it("prints the same ranking as JSON with --json", () => {
    const { code, stdout } = run("ship it through ci/cd", "--file", "db/x.sql", "--json");
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout) as { matches: { id: string; score: number }[]; diagnostics: unknown[] };
    expect(parsed.matches.map((m) => [m.id, m.score])).toEqual([
      ["data", 3],
      ["devops", 2],
    ]);
    expect(parsed.diagnostics).toEqual([]);
  });

  it("says so when nothing matches, and exits 0", () => {
    expect(run("hello")).toMatchObject({ code: 0, stdout: "No persona matches this request.\n" });
  });

  it("is a usage error without a request", () => {
    const { code, stderr } = run();
    expect(code).toBe(2);
    expect(stderr).toContain("missing argument");
  });
});
