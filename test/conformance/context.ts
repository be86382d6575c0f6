import { loadProjectPersonas } from "./project.js";
import { createSandbox } from "./sandbox.js";
import type { CheckContext } from "./tool.js";

/** The context every check of a test file shares: the personas (default: the bundled ones) and one sandbox. */
export async function createContext(personas?: string): Promise<CheckContext> {
  return { personas: await loadProjectPersonas(personas), sandbox: createSandbox() };
}
