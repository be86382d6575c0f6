import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPersonas, route } from "../../packages/core/src/index.js";
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

  it("prints the ranking with each persona's confidence", () => {
    const { code, stdout, stderr } = run("Speed up the databases behind the API", "--file", "src/api/users.ts");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toBe(
      ["1. backend  backend persona  confidence 0.99", "2. data  data persona  confidence 0.69", ""].join("\n"),
    );
  });

  it("shows the score and every reason with its points with --explain", () => {
    const { code, stdout } = run(
      "@devops speed up the databases behind src/users.ts",
      "--file",
      "db/x.sql",
      "--file",
      "src/api/users.ts",
      "--explain",
    );
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        "1. devops  devops persona  confidence 1.00  score 10",
        '   +10 mention "@devops" at 0',
        "2. backend  backend persona  confidence 0.96  score 6.22",
        '   +2.22 keyword "database" matched "databases" at 21',
        "   +4 file src/api/users.ts matched **/api/**",
        "3. data  data persona  confidence 0.96  score 6.22",
        '   +2.22 keyword "database" matched "databases" at 21',
        "   +4 file db/x.sql matched **/*.sql",
        "",
      ].join("\n"),
    );
  });

  it("prints core's route() result as JSON with --json", async () => {
    const request = "ship the SQL through ci/cd";
    const { code, stdout } = run(request, "--file", "db/x.sql", "--json");
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout) as { matches: unknown[]; diagnostics: unknown[] };
    const { personas } = await loadPersonas(folder.dir);
    expect(parsed.matches).toEqual(route(personas, { request, files: ["db/x.sql"] }).matches);
    expect(parsed.diagnostics).toEqual([]);
  });

  it("leaves out matches below --min-confidence", () => {
    const { stdout } = run("Speed up the databases behind the API", "--min-confidence", "0.7", "--json");
    expect((JSON.parse(stdout) as { matches: { id: string }[] }).matches.map((m) => m.id)).toEqual(["backend"]);
    expect(run("the database", "--min-confidence", "0.7")).toMatchObject({
      code: 0,
      stdout: "No persona matches this request at confidence 0.7 or more.\n",
    });
  });

  it("is a usage error when --min-confidence is not a number from 0 to 1", () => {
    for (const value of ["2", "-0.1", "high", "1e-1"]) {
      const { code, stdout, stderr } = run("x", `--min-confidence=${value}`);
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toContain(`--min-confidence needs a number from 0 to 1, not ${JSON.stringify(value)}`);
    }
    expect(run("x", "--min-confidence=")).toMatchObject({ code: 2, stdout: "" });
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
