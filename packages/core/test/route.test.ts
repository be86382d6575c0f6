import { describe, expect, it } from "vitest";
import { type Persona, parsePersona, RouteResultSchema, route } from "../src/index.js";

/** Builds a persona the way users write one: an "Auto-Activation Triggers" section. */
function persona(id: string, keywords: readonly string[], files: readonly string[] = []): Persona {
  const lines = [`# ${id}`, "", `The ${id} persona.`, "", "## Auto-Activation Triggers"];
  if (keywords.length > 0) lines.push(`- Keywords: ${keywords.map((k) => `"${k}"`).join(", ")}`);
  if (files.length > 0) lines.push(`- File patterns: ${files.map((f) => `\`${f}\``).join(", ")}`);
  lines.push("- Something happens that only a context describes");
  const result = parsePersona(`${lines.join("\n")}\n`, { path: `personas/${id}.md` });
  if (!result.persona) throw new Error(JSON.stringify(result.diagnostics));
  return result.persona;
}

// Overlapping triggers, like the project's own library: "database" and "reliability" are claimed
// by two personas each, and two personas' globs both see a migration file.
const backend = persona("backend", ["API", "database", "reliability", "api"], ["**/api/**", "**/server/**"]);
const data = persona("data", ["SQL", "database", "migration"], ["**/*.sql", "**/migrations/**"]);
const devops = persona("devops", ["CI/CD", "reliability", "deploy"], [".github/workflows/**", "*.tf"]);
const analyzer = persona("analyzer", ["root cause", "stack trace", "C++", "café"]);
const all = [backend, data, devops, analyzer];

const ids = (request: string, files?: string[]) =>
  route(all, files ? { request, files } : { request }).matches.map((m) => [m.id, m.score]);

describe("route", () => {
  it("ranks overlapping personas by score, then by id", () => {
    expect(ids("Improve database reliability for the API")).toEqual([
      ["backend", 6],
      ["data", 2],
      ["devops", 2],
    ]);
  });

  it("reports which keyword matched where, in request order", () => {
    const [first] = route(all, { request: "the api and its Database" }).matches;
    expect(first?.reasons).toEqual([
      { kind: "keyword", keyword: "API", match: "api", offset: 4, points: 2 },
      { kind: "keyword", keyword: "database", match: "Database", offset: 16, points: 2 },
    ]);
  });

  it("counts a keyword once however often it appears or is repeated in the persona", () => {
    expect(ids("API api API")).toEqual([["backend", 2]]);
  });

  it("matches on word boundaries only", () => {
    expect(ids("rapid APIs, sqlite, redeploy, databases")).toEqual([]);
    expect(ids("(api).")).toEqual([["backend", 2]]);
    expect(ids("ein café")).toEqual([["analyzer", 2]]);
    // `\b` would see a boundary before "é"; Unicode letters must not.
    expect(ids("cafés")).toEqual([]);
  });

  it("matches multi-word keywords as phrases across whitespace", () => {
    expect(ids("find the Root\n  Cause")).toEqual([["analyzer", 2]]);
    expect(ids("root of the cause")).toEqual([]);
  });

  it("matches keywords with symbols literally", () => {
    expect(ids("our ci/cd is red")).toEqual([["devops", 2]]);
    expect(ids("ci cd and cixcd")).toEqual([]);
    expect(ids("port it to c++ now")).toEqual([["analyzer", 2]]);
  });

  it("needs no boundary where a keyword starts or ends with a symbol", () => {
    const dotnet = persona("dotnet", [".NET"]);
    expect(route([dotnet], { request: "an ASP.NET app" }).matches.map((m) => m.id)).toEqual(["dotnet"]);
    expect(route([dotnet], { request: "a .NETwork" }).matches).toEqual([]);
  });

  it("compares composed and decomposed accents alike", () => {
    expect(ids("ein cafe\u0301")).toEqual([["analyzer", 2]]);
  });

  it("treats regular-expression syntax in keywords as text", () => {
    const odd = persona("odd", ["(a+)+$", "x|y"]);
    expect(route([odd], { request: `${"a".repeat(50)}!` }).matches).toEqual([]);
    expect(route([odd], { request: "is (a+)+$ a keyword" }).matches.map((m) => m.score)).toEqual([2]);
  });

  it("scores each path matched by a persona's globs once, naming the first glob", () => {
    const result = route(all, { request: "", files: ["db/migrations/001_init.sql", "src/api/users.ts"] });
    expect(result.matches).toEqual([
      {
        id: "backend",
        title: "backend",
        score: 3,
        reasons: [{ kind: "file", glob: "**/api/**", path: "src/api/users.ts", points: 3 }],
      },
      {
        id: "data",
        title: "data",
        score: 3,
        reasons: [{ kind: "file", glob: "**/*.sql", path: "db/migrations/001_init.sql", points: 3 }],
      },
    ]);
  });

  it("normalises paths and matches dotfiles and slash-less globs at any depth", () => {
    expect(ids("", ["src\\api\\x.ts", "./src/api/x.ts"])).toEqual([["backend", 3]]);
    expect(ids("", [".github/workflows/ci.yml", "infra/prod/main.tf"])).toEqual([["devops", 6]]);
    expect(ids("", [".config/api/x.json"])).toEqual([["backend", 3]]);
  });

  it("adds keyword and file points together", () => {
    expect(ids("deploy the database", ["db/schema.sql", "src/server/db.ts"])).toEqual([
      ["backend", 5],
      ["data", 5],
      ["devops", 2],
    ]);
  });

  it("ignores contexts and returns nothing for an unrelated request", () => {
    expect(ids("Something happens that only a context describes")).toEqual([]);
    expect(ids("")).toEqual([]);
  });

  it("is deterministic whatever the order of the personas", () => {
    const request = "database reliability deploy SQL API";
    const forward = route(all, { request });
    const backward = route([...all].reverse(), { request });
    expect(backward).toEqual(forward);
    expect(RouteResultSchema.parse(forward)).toEqual(forward);
  });
});
