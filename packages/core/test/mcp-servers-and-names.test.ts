import { describe, expect, it } from "vitest";
import { compile, type Persona, parsePersona, withIdPrefix } from "../src/index.js";

const SOURCE = `---
name: backend
description: Builds reliable APIs.
---
# Backend

**MCP Server Preferences**:
- **Primary**: Context7 - For backend patterns
- **Secondary**: Sequential - For complex analysis
- **Tertiary**: All servers for comprehensive analysis when needed
- **Avoided**: Magic - Focuses on UI generation

**Optimized Commands**:
- \`/build --api\` - API design
- \`/git\` - Version control
`;

function must(text: string, path = "personas/backend.md"): Persona {
  const { persona, diagnostics } = parsePersona(text, { path });
  if (!persona) throw new Error(JSON.stringify(diagnostics));
  return persona;
}

const claudeFile = (persona: Persona, mcpServers?: Record<string, string>) => {
  const out = compile([persona], { targets: ["claude"], ...(mcpServers ? { mcpServers } : {}) });
  expect(out.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return out.files.find((f) => f.path === `.claude/agents/${persona.id}.md`)?.contents ?? "";
};

describe("MCP server preferences in the Claude agent", () => {
  const persona = must(SOURCE);

  it("writes nothing into tool lists without the config's map, but keeps the preferences in the prose", () => {
    const text = claudeFile(persona);
    expect(text).not.toMatch(/^(mcpServers|disallowedTools|tools):/m);
    expect(text).toContain("## MCP Server Preferences\n\n- **Primary**: Context7 - For backend patterns\n");
    expect(text).toContain("- **Tertiary**: All servers for comprehensive analysis when needed\n");
    expect(text).toContain("## Optimized Commands\n\n- `/build --api` - API design\n- `/git` - Version control\n");
  });

  it("names the preferred servers and denies the avoided ones under their configured names", () => {
    const text = claudeFile(persona, { context7: "context7", Sequential: "sequential-thinking", Magic: "magic" });
    expect(text).toContain("disallowedTools: mcp__magic__*\n");
    expect(text).toContain("mcpServers:\n  - context7\n  - sequential-thinking\n---");
  });

  it("leaves out servers the map does not name", () => {
    const text = claudeFile(persona, { Sequential: "seq" });
    expect(text).toContain("mcpServers:\n  - seq\n");
    expect(text).not.toContain("disallowedTools");
  });

  it("lets targets.claude.disallowedTools override the avoided servers", () => {
    const own = must(SOURCE.replace("description:", "targets:\n  claude:\n    disallowedTools: Bash\ndescription:"));
    expect(claudeFile(own, { Magic: "magic" })).toContain("disallowedTools: Bash\n");
  });
});

describe("names", () => {
  it("warns about a name tools refuse, saying what the id became and how to silence it", () => {
    const { diagnostics } = parsePersona("---\nname: Fix Master\ndescription: d\n---\n# F\n", {
      path: "fix-master.md",
    });
    expect(diagnostics).toMatchObject([{ severity: "warning", rule: "persona/slugified-name", line: 2, column: 7 }]);
    expect(diagnostics[0]?.message).toContain("the id became `fix-master`");
    expect(diagnostics[0]?.message).toContain("write `name: fix-master` to silence this");
  });

  it("warns about a name that is not the file's, as b00t's gpt-5 in gpt5-cursor.md", () => {
    const { persona, diagnostics } = parsePersona("---\nname: gpt-5\ndescription: d\n---\n# G\n", {
      path: "agents/gpt5-cursor.md",
    });
    expect(persona?.id).toBe("gpt-5");
    expect(diagnostics).toMatchObject([{ severity: "warning", rule: "persona/name-not-file-name", line: 2 }]);
    expect(diagnostics[0]?.message).toContain("the id is `gpt-5`");
    expect(diagnostics[0]?.message).toContain("rename the file to `gpt-5.md`, or drop `name:` to use `gpt5-cursor`");
    expect(parsePersona("---\nname: gpt-5\ndescription: d\n---\n# G\n", { path: "gpt-5.md" }).diagnostics).toEqual([]);
  });

  it("puts the config's idPrefix before the id, and refuses an id it makes too long", () => {
    const persona = must(SOURCE);
    const prefixed = withIdPrefix(persona, "sc-");
    expect("persona" in prefixed && prefixed.persona.id).toBe("sc-backend");
    expect("persona" in prefixed && prefixed.persona.title).toBe("Backend");
    expect(withIdPrefix(persona, "")).toEqual({ persona });
    const long = withIdPrefix({ ...persona, id: "x".repeat(62) }, "sc-");
    expect(long).toMatchObject({ diagnostic: { severity: "error", rule: "persona/invalid-id", line: 2, column: 7 } });
  });
});
