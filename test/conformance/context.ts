import { loadProjectPersonas } from "./project.js";
import { createSandbox } from "./sandbox.js";
import type { CheckContext } from "./tool.js";

/** The context every check of a test file shares: the bundled personas and one sandbox. */
export async function createContext(): Promise<CheckContext> {
  return { personas: await loadProjectPersonas(), sandbox: createSandbox() };
}
