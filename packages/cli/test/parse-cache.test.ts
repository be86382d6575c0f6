import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cacheFolder, ParseCache, sweep } from "../src/cache/parse-cache.js";

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});
function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), "persona-cache-"));
  temps.push(dir);
  return dir;
}

describe("where the parse cache lives", () => {
  it("is node_modules/.cache/persona when the project has node_modules", () => {
    const root = temp();
    mkdirSync(join(root, "node_modules"));
    expect(cacheFolder({ root }, { HOME: "/home/x" })).toBe(join(root, "node_modules", ".cache", "persona"));
  });

  it("is a folder of the project's own in the user cache without node_modules (XDG first)", () => {
    const a = temp();
    const b = temp();
    const home = cacheFolder({ root: a }, { HOME: "/home/x" });
    expect(home?.startsWith("/home/x/.cache/persona/")).toBe(true);
    expect(cacheFolder({ root: b }, { HOME: "/home/x" })).not.toBe(home);
    expect(cacheFolder({ root: a }, { HOME: "/home/x", XDG_CACHE_HOME: "/xdg" })?.startsWith("/xdg/persona/")).toBe(
      true,
    );
  });

  it("follows PERSONA_CACHE_DIR, then the config's cacheDir; PERSONA_CACHE=0 turns it off", () => {
    const root = temp();
    expect(cacheFolder({ root, cacheDir: "/c" }, { HOME: "/h", PERSONA_CACHE_DIR: "/env" })).toBe("/env");
    expect(cacheFolder({ root, cacheDir: "/c" }, { HOME: "/h" })).toBe("/c");
    expect(cacheFolder({ root }, { HOME: "/h", PERSONA_CACHE: "0", PERSONA_CACHE_DIR: "/env" })).toBeUndefined();
  });

  it("stores and gives back a result there, for a project without node_modules", async () => {
    const root = temp();
    const home = temp();
    const cache = ParseCache.open({ root }, { HOME: home });
    if (!cache) throw new Error("no cache");
    const key = ParseCache.key("personas/a.md", "text");
    await cache.set(key, { personas: [], diagnostics: [] });
    expect(ParseCache.open({ root }, { HOME: home })?.get(key)).toEqual({ personas: [], diagnostics: [] });
  });
});

describe("sweeping the parse cache", () => {
  it("removes other versions' folders and entries not written for 30 days, at most once a day", () => {
    const folder = temp();
    const current = join(folder, "parse-new-2");
    mkdirSync(join(current, "ab"), { recursive: true });
    mkdirSync(join(folder, "parse-old-1", "cd"), { recursive: true });
    const fresh = join(current, "ab", "fresh.json");
    const stale = join(current, "ab", "stale.json");
    writeFileSync(fresh, "{}");
    writeFileSync(stale, "{}");
    const now = Date.now();
    const old = (now - 31 * 24 * 3600 * 1000) / 1000;
    utimesSync(stale, old, old);
    sweep(folder, current, now);
    expect([existsSync(fresh), existsSync(stale), existsSync(join(folder, "parse-old-1"))]).toEqual([
      true,
      false,
      false,
    ]);
    // Swept an hour ago: not again, even with an old entry present.
    writeFileSync(stale, "{}");
    utimesSync(stale, old, old);
    sweep(folder, current, now + 3600 * 1000);
    expect(existsSync(stale)).toBe(true);
    sweep(folder, current, now + 25 * 3600 * 1000);
    expect(existsSync(stale)).toBe(false);
  });
});
