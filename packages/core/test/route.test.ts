import { describe, expect, it } from "vitest";
import { ROUTE_WEIGHTS, RouteResultSchema, route } from "../src/index.js";
import { ids, persona, ranking } from "./route-helpers.js";

// Overlapping triggers, like the project's own library: "database" and "reliability" are claimed
// by two personas each.
const backend = persona("backend", { keywords: ["API", "database", "reliability", "api"] });
const data = persona("data", { keywords: ["SQL", "database", "migration"] });
const devops = persona("devops", { keywords: ["CI/CD", "reliability", "deploy", "cleanup"] });
const analyzer = persona("analyzer", { keywords: ["root cause", "stack trace", "C++", "café", "slow"] });
const all = [backend, data, devops, analyzer];

describe("route: keywords in any word form", () => {
  it("matches inflections and derivations of a keyword's words by their Porter2 stems", () => {
    expect(ids(all, "the APIs")).toEqual(["backend"]);
    expect(ids(all, "both databases")).toEqual(["backend", "data"]);
    expect(ids(all, "deploying it, after two deployments")).toEqual(["devops"]);
    expect(ids(all, "migrations")).toEqual(["data"]);
    const a11y = persona("a11y", { keywords: ["accessibility"] });
    expect(ids([a11y], "make the form accessible")).toEqual(["a11y"]);
  });

  it("matches the comparative and superlative of a keyword", () => {
    expect(ids(all, "it got slower, the slowest page")).toEqual(["analyzer"]);
    expect(route(all, { request: "slowest" }).matches[0]?.reasons).toEqual([
      { kind: "keyword", keyword: "slow", match: "slowest", offset: 0, points: 3 },
    ]);
  });

  it("reports the keyword, the text it matched and where, in request order", () => {
    const [first] = route(all, { request: "the apis and its Database" }).matches;
    expect(first?.reasons.map((r) => r.kind === "keyword" && [r.keyword, r.match, r.offset])).toEqual([
      ["API", "apis", 4],
      ["database", "Database", 17],
    ]);
  });

  it("counts a keyword once however often it appears or is repeated in the persona", () => {
    const [first] = route(all, { request: "API api APIs" }).matches;
    expect(first?.reasons).toHaveLength(1);
  });

  it("matches whole words only, not inside other words", () => {
    expect(ids(all, "rapid redeploy sqlite")).toEqual([]);
    expect(ids(all, "ein café")).toEqual(["analyzer"]);
    // `\b` would see a boundary before "é"; Unicode letters must not.
    expect(ids(all, "cafébar")).toEqual([]);
  });

  it("matches multi-word keywords as phrases, in any word form", () => {
    expect(ids(all, "find the Root\n  Causes")).toEqual(["analyzer"]);
    expect(ids(all, "root of the cause")).toEqual([]);
  });

  it("matches a keyword written as one word where the request writes two, and the other way round", () => {
    expect(route(all, { request: "clean up the flags" }).matches[0]?.reasons[0]).toMatchObject({
      keyword: "cleanup",
      match: "clean up",
    });
    expect(ids(all, "a clean-up")).toEqual(["devops"]);
    expect(ids(all, "the rootcause")).toEqual(["analyzer"]);
  });

  it("matches keywords with symbols literally", () => {
    expect(ids(all, "our ci/cd is red")).toEqual(["devops"]);
    expect(ids(all, "ci cd and cixcd")).toEqual([]);
    expect(ids(all, "port it to c++ now")).toEqual(["analyzer"]);
    const dotnet = persona("dotnet", { keywords: [".NET"] });
    expect(ids([dotnet], "an ASP.NET app")).toEqual(["dotnet"]);
    expect(ids([dotnet], "a .NETwork")).toEqual([]);
  });

  it("compares composed and decomposed accents alike", () => {
    expect(ids(all, "ein cafe\u0301")).toEqual(["analyzer"]);
  });

  it("treats regular-expression syntax in keywords as text", () => {
    const odd = persona("odd", { keywords: ["(a+)+$", "x|y"] });
    expect(route([odd], { request: `${"a".repeat(50)}!` }).matches).toEqual([]);
    expect(ids([odd], "is (a+)+$ a keyword")).toEqual(["odd"]);
  });

  it("gives fewer points to a keyword whose words many personas use", () => {
    // "database" is a keyword of two personas; "SQL" of one.
    const [first] = route(all, { request: "SQL database" }).matches;
    const points = Object.fromEntries(
      first?.reasons.map((r) => [r.kind === "keyword" ? r.keyword : r.kind, r.points]) ?? [],
    );
    expect(points["SQL"]).toBe(ROUTE_WEIGHTS.keyword);
    expect(points["database"]).toBeLessThan(ROUTE_WEIGHTS.keyword);
    expect(points["database"]).toBeGreaterThanOrEqual(ROUTE_WEIGHTS.keyword * (1 - ROUTE_WEIGHTS.specificity));
  });
});

describe("route: an explicit mention", () => {
  it("wins outright with @id, whatever the other personas score", () => {
    const result = route(all, { request: "@data the API database is slow, find the root cause" });
    expect(result.matches[0]).toMatchObject({ id: "data", confidence: 1 });
    expect(result.matches[0]?.reasons[0]).toEqual({ kind: "mention", mention: "@data", offset: 0, points: 10 });
    expect(result.matches.slice(1).map((m) => m.id)).toEqual(["analyzer", "backend"]);
  });

  it("wins with --persona-<id>, SuperClaude's flag, also for a persona whose id is persona-<name>", () => {
    expect(ids(all, "fix the API --persona-devops")[0]).toBe("devops");
    const flagged = persona("persona-qa", { keywords: ["investigate"] });
    expect(ids([...all, flagged], "--persona-qa the API is down")[0]).toBe("persona-qa");
    expect(ids([...all, flagged], "@persona-qa the API is down")[0]).toBe("persona-qa");
    expect(ids([...all, flagged], "@qa the API is down")[0]).toBe("persona-qa");
    // A persona whose id is the name itself comes before one with the prefix.
    const plain = persona("qa", { keywords: ["other"] });
    expect(ids([...all, flagged, plain], "--persona-qa the API is down")).toEqual(["qa", "backend"]);
  });

  it("ranks several mentions in the order they are written", () => {
    expect(ids(all, "@devops and then @backend").slice(0, 2)).toEqual(["devops", "backend"]);
  });

  it("ignores addresses, unknown names and the mention's own words", () => {
    const mentions = (request: string) =>
      route(all, { request }).matches.flatMap((m) => m.reasons.filter((r) => r.kind === "mention"));
    expect(mentions("mail ops@data.dev")).toEqual([]);
    expect(mentions("see @data.")).toHaveLength(1);
    expect(ids(all, "@nobody")).toEqual([]);
    const db = persona("database", { keywords: ["other"] });
    // "--persona-database" names the persona; its word "database" is no keyword evidence for data.
    expect(ids([db, data], "--persona-database")).toEqual(["database"]);
  });
});

describe("route: confidence", () => {
  it("is 1 − e^(−score / scale), rounded to hundredths, and 1 for a mention", () => {
    const [m] = route(all, { request: "SQL" }).matches;
    expect(m?.score).toBe(3);
    expect(m?.confidence).toBe(Math.round(100 * (1 - Math.exp(-3 / ROUTE_WEIGHTS.scale))) / 100);
    expect(route(all, { request: "@data" }).matches[0]?.confidence).toBe(1);
  });

  it("puts one specific keyword above 0.7 and one stray word of prose below it", () => {
    const writer = persona("writer", { keywords: ["changelog"], contexts: ["A release is being prepared"] });
    const coder = persona("coder", { keywords: ["compile"], contexts: ["Code must build"] });
    expect(ranking([writer, coder], { request: "update the changelog" })).toEqual([["writer", 0.79]]);
    const [stray] = ranking([writer, coder], { request: "prepared food" });
    expect(stray?.[0]).toBe("writer");
    expect(stray?.[1]).toBeLessThan(0.7);
  });

  it("leaves out matches below minConfidence", () => {
    const writer = persona("writer", { keywords: ["changelog"], contexts: ["A release is being prepared"] });
    const coder = persona("coder", { keywords: ["compile"], contexts: ["Code must build"] });
    const request = "prepare the changelog, then build";
    expect(ids([writer, coder], request)).toEqual(["writer", "coder"]);
    expect(route([writer, coder], { request, minConfidence: 0.7 }).matches.map((m) => m.id)).toEqual(["writer"]);
    expect(route([writer, coder], { request: "@coder", minConfidence: 1 }).matches.map((m) => m.id)).toEqual(["coder"]);
  });
});

describe("route: ranking", () => {
  it("ranks by score, then by id, and returns nothing for an unrelated request", () => {
    expect(ids(all, "Improve database reliability for the API")).toEqual(["backend", "data", "devops"]);
    expect(ids(all, "")).toEqual([]);
    expect(ids(all, "the of and with")).toEqual([]);
  });

  it("is deterministic whatever the order of the personas, and matches its schema", () => {
    const request = "database reliability deploy SQL API, slower since src/api/x.ts @nobody";
    const forward = route(all, { request });
    const backward = route([...all].reverse(), { request });
    expect(backward).toEqual(forward);
    expect(RouteResultSchema.parse(forward)).toEqual(forward);
    for (const m of forward.matches) {
      expect(m.score).toBeCloseTo(
        m.reasons.reduce((sum, r) => sum + r.points, 0),
        6,
      );
    }
  });

  it("prepares a changed library again", () => {
    const library = [backend];
    expect(ids(library, "SQL")).toEqual([]);
    library.push(data);
    expect(ids(library, "SQL")).toEqual(["data"]);
  });
});
