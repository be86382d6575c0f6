import { describe, expect, it } from "vitest";
import { ROUTE_WEIGHTS, route } from "../src/index.js";
import { ids, persona } from "./route-helpers.js";

const backend = persona("backend", { files: ["**/api/**", "**/server/**"] });
const data = persona("data", { files: ["**/*.sql", "**/migrations/**", "**/*.prisma"] });
const devops = persona("devops", { files: ["**/Dockerfile*", ".github/workflows/**", "*.tf", "k8s/**"] });
const all = [backend, data, devops];

const files = (request: string, given?: string[]) =>
  route(all, given ? { request, files: given } : { request }).matches.map((m) => [
    m.id,
    m.reasons.flatMap((r) => (r.kind === "file" ? [[r.path, r.glob, r.offset ?? null]] : [])),
  ]);

describe("route: paths given in `files`", () => {
  it("scores each path matched by a persona's globs once, naming the first glob", () => {
    const result = route(all, { request: "", files: ["db/migrations/001_init.sql", "src/api/users.ts"] });
    expect(result.matches).toEqual([
      {
        id: "backend",
        title: "backend",
        score: ROUTE_WEIGHTS.file,
        confidence: 0.88,
        reasons: [{ kind: "file", glob: "**/api/**", path: "src/api/users.ts", points: ROUTE_WEIGHTS.file }],
      },
      {
        id: "data",
        title: "data",
        score: ROUTE_WEIGHTS.file,
        confidence: 0.88,
        reasons: [{ kind: "file", glob: "**/*.sql", path: "db/migrations/001_init.sql", points: ROUTE_WEIGHTS.file }],
      },
    ]);
  });

  it("normalises paths and matches dotfiles and slash-less globs at any depth", () => {
    expect(ids(all, "", ["src\\api\\x.ts", "./src/api/x.ts"])).toEqual(["backend"]);
    expect(route(all, { request: "", files: ["src\\api\\x.ts", "./src/api/x.ts"] }).matches[0]?.score).toBe(
      ROUTE_WEIGHTS.file,
    );
    expect(ids(all, "", [".github/workflows/ci.yml", "infra/prod/main.tf"])).toEqual(["devops"]);
    expect(ids(all, "", [".config/api/x.json"])).toEqual(["backend"]);
  });
});

describe("route: paths written in the request", () => {
  it("matches paths and file names in the text against file globs, with their offset", () => {
    expect(files("Update prisma/schema.prisma with a new model")).toEqual([
      ["data", [["prisma/schema.prisma", "**/*.prisma", 7]]],
    ]);
    expect(files("add a route in `server/health.ts`.")).toEqual([
      ["backend", [["server/health.ts", "**/server/**", 16]]],
    ]);
    expect(files("bump k8s/deploy.yaml and the Dockerfile")).toEqual([
      [
        "devops",
        [
          ["k8s/deploy.yaml", "k8s/**", 5],
          ["Dockerfile", "**/Dockerfile*", 29],
        ],
      ],
    ]);
    expect(files("which *.sql files are slow?")).toEqual([["data", [["*.sql", "**/*.sql", 6]]]]);
  });

  it("reads a bare word as a file name only for a glob that spells out its start", () => {
    // "sql" has no dot: no file name `*.sql` can match; "api" is no path under `**/api/**`.
    expect(files("the sql of the api")).toEqual([]);
    // Globs are case-sensitive, as file systems are on Linux.
    expect(files("the dockerfile")).toEqual([]);
    const everything = persona("everything", { files: ["**", "*"] });
    expect(route([everything], { request: "any words at all" }).matches).toEqual([]);
  });

  it("does not read URLs as paths", () => {
    expect(files("see https://example.com/api/v1 for details")).toEqual([]);
  });

  it("counts a path once when it is both written and given", () => {
    expect(files("look at src/api/x.ts", ["src/api/x.ts", "src/api/y.ts"])).toEqual([
      [
        "backend",
        [
          ["src/api/x.ts", "**/api/**", 8],
          ["src/api/y.ts", "**/api/**", null],
        ],
      ],
    ]);
  });

  it("scores a path above a keyword", () => {
    const refactorer = persona("refactorer", { keywords: ["refactor"] });
    expect(ids([refactorer, backend], "refactor nothing, add a health route in server/health.ts")).toEqual([
      "backend",
      "refactorer",
    ]);
  });
});
