import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { makeProject, type Project, persona, type RunResult, runProcess } from "../helpers/cli.js";
import { type LocalRegistry, startRegistry } from "../helpers/local-registry.js";
import { exec, packPackage, ROOT } from "../helpers/pack.js";

// The CI recipes as users copy them — the GitHub Action's script, the pre-commit hooks' entries,
// the commands in docs/ci.md — run for real: `npx --yes @personas/cli@<version>` fetches the CLI
// packed from this checkout from a registry on localhost, so the pinned version, the package's bin
// and the commands are all exercised, offline.

const VERSION = (JSON.parse(readFileSync(join(ROOT, "packages/cli/package.json"), "utf8")) as { version: string })
  .version;
const PINNED = `@personas/cli@${VERSION}`;

let registry: LocalRegistry;
let npmCache: string;
let tarball: string;

/** Runs `command args…` in `cwd` with npm pointed at the local registry and a private cache. */
function run(
  command: string,
  args: readonly string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<RunResult> {
  return runProcess(command, args, {
    cwd,
    env: {
      ...process.env,
      NO_COLOR: "1",
      npm_config_registry: registry.url,
      npm_config_cache: npmCache,
      npm_config_update_notifier: "false",
      npm_config_audit: "false",
      npm_config_fund: "false",
      // The node running the tests first on PATH, as setup-node would make it.
      PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ""}`,
      ...env,
    },
  });
}

/** A project whose generated files are missing: every check must fail until it is built. */
async function drifted(): Promise<Project> {
  return makeProject({
    "persona.config.json": '{ "targets": ["claude"] }\n',
    "personas/reviewer.md": persona("reviewer"),
  });
}

beforeAll(async () => {
  tarball = await packPackage("cli");
  registry = await startRegistry(tarball);
  npmCache = await mkdtemp(join(tmpdir(), "persona-npm-cache-"));
}, 120_000);

afterAll(async () => {
  await registry?.close();
  if (npmCache) await rm(npmCache, { recursive: true, force: true });
  if (tarball) await rm(dirname(tarball), { recursive: true, force: true });
});

describe("the GitHub Action (action.yml)", () => {
  interface Step {
    if?: string;
    uses?: string;
    run?: string;
    shell?: string;
    env?: Record<string, string>;
    "working-directory"?: string;
  }
  const action = parseYaml(readFileSync(join(ROOT, "action.yml"), "utf8")) as {
    inputs: Record<string, { default: string }>;
    runs: { using: string; steps: Step[] };
  };
  /** `${{ inputs.x }}` as GitHub evaluates it with the inputs' defaults (all this file uses). */
  const expand = (text: string, inputs: Record<string, string>) =>
    text.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name: string) => inputs[name] ?? "");

  it("is a composite action pinned to this package's version", () => {
    expect(action.runs.using).toBe("composite");
    expect(action.inputs.version?.default).toBe(VERSION);
    expect(action.inputs.args?.default).toBe("build --check --format github");
    expect(action.runs.steps[0]).toMatchObject({ if: "inputs.node-version != ''", uses: "actions/setup-node@v4" });
  });

  it("runs its script: annotations and exit 1 on drift, exit 0 once built", async () => {
    const step = action.runs.steps.find((s) => s.run !== undefined) as Step;
    expect(step.shell).toBe("bash");
    const inputs = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default]));
    const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v, inputs)]));
    const p = await drifted();
    try {
      const cwd = join(p.dir, expand(step["working-directory"] ?? ".", inputs));
      const failing = await run("bash", ["-c", step.run as string], cwd, env);
      expect(failing.code, failing.stderr).toBe(1);
      expect(failing.stdout).toContain(
        "::error file=.claude/agents/reviewer.md,line=1,col=1,title=output/drift::Missing: this generated file does not exist yet; run `persona build`",
      );
      expect(registry.requests).toContain(`GET /@personas/cli`);

      await run("bash", ["-c", `npx --yes ${PINNED} build`], cwd);
      const passing = await run("bash", ["-c", step.run as string], cwd, env);
      expect(passing.code, passing.stderr).toBe(0);
      expect(passing.stdout).toBe("");

      // Other arguments reach persona as separate words.
      const validate = await run("bash", ["-c", step.run as string], cwd, {
        ...env,
        PERSONA_ARGS: "validate --max-warnings 0",
      });
      expect(validate.code, validate.stderr).toBe(0);
      expect(validate.stderr).toContain("1 file checked, no problems");
    } finally {
      await p.remove();
    }
  });
});

describe("the pre-commit hooks (.pre-commit-hooks.yaml)", () => {
  const hooks = parseYaml(readFileSync(join(ROOT, ".pre-commit-hooks.yaml"), "utf8")) as {
    id: string;
    entry: string;
    language: string;
    pass_filenames: boolean;
  }[];
  const entry = (id: string) => (hooks.find((h) => h.id === id)?.entry ?? "").split(" ");

  it("define check, build and validate, each running the CLI pinned to this package's version", () => {
    expect(hooks.map((h) => h.id)).toEqual(["persona-check", "persona-build", "persona-validate"]);
    for (const hook of hooks) {
      expect(hook.entry.startsWith(`npx --yes ${PINNED} `), hook.id).toBe(true);
      expect(hook.language).toBe("system");
      expect(hook.pass_filenames).toBe(false);
    }
  });

  it("their entries run the real binary: check fails on drift, build fixes it, check and validate pass", async () => {
    const p = await drifted();
    try {
      const [cmd, ...args] = entry("persona-check");
      const failing = await run(cmd as string, args, p.dir);
      expect(failing.code).toBe(1);
      expect(failing.stderr).toContain("missing  .claude/agents/reviewer.md");

      const [bcmd, ...bargs] = entry("persona-build");
      const built = await run(bcmd as string, bargs, p.dir);
      expect(built.code, built.stderr).toBe(0);
      expect(p.exists(".claude/agents/reviewer.md")).toBe(true);

      expect((await run(cmd as string, args, p.dir)).code).toBe(0);
      const [vcmd, ...vargs] = entry("persona-validate");
      expect((await run(vcmd as string, vargs, p.dir)).code).toBe(0);
    } finally {
      await p.remove();
    }
  });

  // pre-commit is a Python tool; where it is installed, the hook is also run through it, from a
  // repository that holds this .pre-commit-hooks.yaml, as users reference it.
  const preCommit = ["/usr/bin/pre-commit", "/usr/local/bin/pre-commit"].find((p) => existsSync(p));
  it.skipIf(preCommit === undefined)("run through pre-commit itself (where it is installed)", async () => {
    const hooksRepo = await mkdtemp(join(tmpdir(), "persona-hooks-repo-"));
    const p = await drifted();
    const git = (cwd: string, ...args: string[]) =>
      exec("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd });
    try {
      await writeFile(join(hooksRepo, ".pre-commit-hooks.yaml"), readFileSync(join(ROOT, ".pre-commit-hooks.yaml")));
      await git(hooksRepo, "init", "-q");
      await git(hooksRepo, "add", ".");
      await git(hooksRepo, "commit", "-qm", "hooks");
      const rev = (await git(hooksRepo, "rev-parse", "HEAD")).stdout.trim();
      await rm(join(p.dir, ".git"), { recursive: true });
      await git(p.dir, "init", "-q");
      await writeFile(
        join(p.dir, ".pre-commit-config.yaml"),
        `repos:\n  - repo: ${hooksRepo}\n    rev: ${rev}\n    hooks:\n      - id: persona-check\n`,
      );
      await git(p.dir, "add", ".");
      const home = { PRE_COMMIT_HOME: join(hooksRepo, ".cache"), SKIP: "" };
      const failing = await run(preCommit as string, ["run", "--all-files"], p.dir, home);
      expect(failing.code, failing.stdout + failing.stderr).toBe(1);
      expect(failing.stdout).toMatch(/persona build --check\.+Failed/);
      expect(failing.stdout).toContain("missing  .claude/agents/reviewer.md");

      await run("npx", ["--yes", PINNED, "build"], p.dir);
      const passing = await run(preCommit as string, ["run", "--all-files"], p.dir, home);
      expect(passing.code, passing.stdout + passing.stderr).toBe(0);
      expect(passing.stdout).toMatch(/persona build --check\.+Passed/);
    } finally {
      await p.remove();
      await rm(hooksRepo, { recursive: true, force: true });
    }
  });
});

describe("the recipes in docs/ci.md", () => {
  const doc = readFileSync(join(ROOT, "docs/ci.md"), "utf8");
  /** Every command in a YAML block (`run:` steps, `script:` items) that runs the pinned CLI. */
  const pinned = [...doc.matchAll(/^\s*(?:run:|-)\s+(npx --yes @personas\/cli@\S+ .*)$/gm)].map((m) => m[1] as string);

  it("pin the current version everywhere", () => {
    expect(pinned).toEqual([`npx --yes ${PINNED} build --check --format github`, `npx --yes ${PINNED} build --check`]);
    for (const command of pinned) expect(command).toContain(` ${PINNED} `);
    expect(doc).toContain(`uses: personas-dev/persona@v${VERSION}`);
    expect(doc).toContain(`rev: v${VERSION}`);
  });

  it("fail on drift and pass once built, as written", async () => {
    const p = await drifted();
    try {
      for (const command of pinned) {
        const r = await run("bash", ["-c", command], p.dir);
        expect(r.code, command).toBe(1);
      }
      await run("bash", ["-c", `npx --yes ${PINNED} build`], p.dir);
      for (const command of pinned) {
        const r = await run("bash", ["-c", command], p.dir);
        expect(r.code, `${command}\n${r.stderr}`).toBe(0);
      }
    } finally {
      await p.remove();
    }
  });
});
