/** The personas of SuperClaude v3's PERSONAS.md (shared/corpus/superclaude-v3), by id, sorted. */
export const SUPERCLAUDE_V3_IDS = [
  "analyzer",
  "architect",
  "backend",
  "devops",
  "frontend",
  "mentor",
  "performance",
  "qa",
  "refactorer",
  "scribe",
  "security",
];
