import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { BIN, makeProject, type Project, persona } from "../helpers/cli.js";

/** A `persona … --watch` process and what it has printed so far. */
interface Watcher {
  child: ChildProcessWithoutNullStreams;
  stderr(): string;
  /** Resolves once `text` has been printed `times` times in all (the "watching" line ends each run). */
  printed(text: string, times?: number): Promise<void>;
  /** SIGINT, then the exit code and signal. */
  interrupt(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running: Watcher[] = [];
const projects: Project[] = [];

function watch(cwd: string, ...args: string[]): Watcher {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env });
  let stderr = "";
  const listeners = new Set<() => void>();
  child.stderr.setEncoding("utf8").on("data", (d: string) => {
    stderr += d;
    for (const l of listeners) l();
  });
  child.stdout.resume();
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  const w: Watcher = {
    child,
    stderr: () => stderr,
    printed: (text, times = 1) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (stderr.split(text).length - 1 < times) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out waiting for ${times} × ${JSON.stringify(text)}; stderr:\n${stderr}`));
        }, 20_000);
        listeners.add(check);
        check();
      }),
    interrupt: () => {
      child.kill("SIGINT");
      return exit;
    },
  };
  running.push(w);
  return w;
}

async function project(files: Record<string, string>): Promise<Project> {
  const p = await makeProject(files);
  projects.push(p);
  return p;
}

afterEach(async () => {
  for (const w of running.splice(0)) w.child.kill("SIGKILL");
  for (const p of projects.splice(0)) await p.remove();
});

const WAITING = "--watch: watching ";

describe("persona build --watch", () => {
  it("rebuilds on persona, template and config changes, survives errors, and stops cleanly on SIGINT", async () => {
    const p = await project({
      "personas/reviewer.md": persona("reviewer"),
      "persona.config.json": '{ "targets": ["claude"] }\n',
    });
    const w = watch(p.dir, "build", "--watch");
    await w.printed(WAITING);
    expect(w.stderr()).toContain("1 persona, 1 file written, 0 unchanged");
    expect(w.stderr()).toContain(
      "persona build --watch: watching personas/, persona.config.json for changes (Ctrl-C to stop)",
    );

    // Each change is followed by a run; under load two quick writes may take two runs, so the
    // outputs are polled rather than the runs counted.
    const eventually = (rel: string) => expect.poll(() => p.read(rel), { timeout: 20_000, interval: 100 });

    // A persona edited.
    await p.write("personas/reviewer.md", persona("reviewer", { title: "Second title" }));
    await eventually(".claude/agents/reviewer.md").toContain("Second title");

    // A persona broken: the error is printed, nothing is written, and the watch goes on.
    const before = w.stderr().split(WAITING).length - 1;
    await p.write("personas/reviewer.md", "---\nname: reviewer\ntools: [Read\n---\n# R\n");
    await w.printed("personas/reviewer.md:3:8: error frontmatter/yaml-syntax: Unclosed `[`");
    await w.printed(WAITING, before + 1);
    expect(await p.read(".claude/agents/reviewer.md")).toContain("Second title");

    // Fixed again, and a persona added in a new subfolder (fragments live in folders like this).
    await p.write("personas/team/critic.md", persona("critic"));
    await p.write("personas/reviewer.md", persona("reviewer", { title: "Third title" }));
    await eventually(".claude/agents/reviewer.md").toContain("Third title");
    await eventually(".claude/agents/critic.md").toContain("critic persona");

    // The config names a templates folder, which is then watched too.
    await p.write("tpl/claude/agent.hbs", "FIRST TEMPLATE\n");
    await p.write("persona.config.json", '{ "targets": ["claude"], "templates": "tpl" }\n');
    await eventually(".claude/agents/critic.md").toContain("FIRST TEMPLATE");
    await w.printed("watching personas/, tpl/, persona.config.json");
    await p.write("tpl/claude/agent.hbs", "SECOND TEMPLATE\n");
    await eventually(".claude/agents/critic.md").toContain("SECOND TEMPLATE");

    const { code, signal } = await w.interrupt();
    expect(signal).toBeNull();
    expect(code).toBe(0);
    expect(w.stderr().trimEnd().endsWith("persona build --watch: stopped")).toBe(true);
  });

  it("runs once for a burst of saves (debounced)", async () => {
    const p = await project({ "personas/a.md": persona("a") });
    const w = watch(p.dir, "build", "--watch", "--target", "claude");
    await w.printed(WAITING);
    await Promise.all(["b", "c", "d", "e", "f"].map((id) => p.write(`personas/${id}.md`, persona(id))));
    await w.printed("6 personas");
    await w.printed(WAITING, 2);
    // Let a straggling event show itself before counting runs.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(w.stderr().split("--watch: change detected").length - 1).toBe(1);
    expect((await w.interrupt()).code).toBe(0);
  });

  it("refuses one-shot modes (exit 2)", async () => {
    const p = await project({ "personas/a.md": persona("a") });
    for (const extra of [["--check"], ["--dry-run"], ["--json"], ["--format", "sarif"]]) {
      const r = await p.run("build", "--watch", ...extra);
      expect(r.code, extra.join(" ")).toBe(2);
      // With --json the refusal itself is JSON on stdout.
      expect(extra[0] === "--json" ? r.stdout : r.stderr).toContain(
        `persona build: --watch and ${extra.join(" ")} cannot be combined`,
      );
    }
    expect(p.exists(".claude")).toBe(false);
  });
});

describe("persona validate --watch", () => {
  it("reports problems as they appear and disappear, and stops cleanly on SIGINT", async () => {
    const p = await project({ "personas/a.md": persona("a") });
    const w = watch(p.dir, "validate", "--watch");
    await w.printed(WAITING);
    expect(w.stderr()).toContain("1 file checked, no problems");
    await p.write("personas/a.md", "---\nname: a\ndescripton: typo\n---\n# A\n\nText.\n");
    await w.printed(WAITING, 2);
    expect(w.stderr()).toContain(
      "personas/a.md:3:1: warning frontmatter/unknown-key: Unknown key `descripton` (did you mean `description`?)",
    );
    await p.write("personas/a.md", persona("a"));
    await w.printed("1 file checked, no problems", 2);
    expect(p.exists(".claude")).toBe(false);
    const { code } = await w.interrupt();
    expect(code).toBe(0);
  });
});
