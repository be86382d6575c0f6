import { describe, expect, it } from "vitest";
import { route } from "../src/index.js";
import { ids, persona } from "./route-helpers.js";

const frontend = persona("frontend", {
  keywords: ["CSS"],
  identity: "Interface engineer, accessibility advocate",
  description: "Use for UI components, styling and accessibility in web applications.",
  focusAreas: ["Semantic HTML, ARIA, focus management, and color contrast"],
  contexts: ["Reports of layout bugs, janky scrolling, or screen-reader problems"],
});
const mentor = persona("mentor", {
  keywords: ["explain"],
  description: "Use when the goal is understanding, such as onboarding to a codebase.",
  contexts: ["The user describes themselves as new to a language, framework, or codebase"],
});
const architect = persona("architect", {
  keywords: ["design"],
  contexts: ["Designing a new system, service, or major subsystem"],
});
const all = [frontend, mentor, architect];

const textReasons = (request: string, id: string) =>
  route(all, { request })
    .matches.find((m) => m.id === id)
    ?.reasons.filter((r) => r.kind === "text")
    .map((r) => (r.kind === "text" ? [r.word, r.fields] : []));

describe("route: the persona's prose", () => {
  it("ranks by words of the contexts, description, focus areas and identity when no keyword matches", () => {
    expect(ids(all, "The dialog has janky scrolling on phones")).toEqual(["frontend"]);
    expect(ids(all, "I am new to this codebase")[0]).toBe("mentor");
    expect(textReasons("screen-reader users get lost", "frontend")).toEqual([
      ["screen", ["contexts"]],
      ["screen-reader", ["contexts"]],
      ["reader", ["contexts"]],
    ]);
  });

  it("matches words of the prose in any form", () => {
    expect(textReasons("the onboarded hires", "mentor")).toEqual([["onboarded", ["description"]]]);
    expect(textReasons("scrolls badly", "frontend")).toEqual([["scrolls", ["contexts"]]]);
  });

  it("names every field a word occurs in", () => {
    expect(textReasons("accessibility", "frontend")).toEqual([["accessibility", ["identity", "description"]]]);
  });

  it("counts the persona's name", () => {
    expect(textReasons("ask the mentor", "mentor")).toEqual([["mentor", ["name"]]]);
  });

  it("scores prose below a keyword", () => {
    // "janky scrolling" is frontend prose; "design" is an architect keyword.
    const [first, second] = route(all, { request: "design the janky scrolling list" }).matches;
    expect([first?.id, second?.id]).toEqual(["architect", "frontend"]);
  });

  it("does not count stop words, and a word once per persona", () => {
    expect(ids(all, "the or of with, and the")).toEqual([]);
    expect(textReasons("codebase codebase codebases", "mentor")).toEqual([["codebase", ["description", "contexts"]]]);
  });

  it("does not count a word again in the prose of a persona whose keyword it matched", () => {
    const reasons = route(all, { request: "explain the codebase" }).matches[0]?.reasons;
    expect(reasons?.map((r) => r.kind)).toEqual(["keyword", "text"]);
  });
});
