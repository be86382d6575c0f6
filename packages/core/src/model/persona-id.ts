// Apart from the model's schema: code that checks an id (a build adding the config's idPrefix)
// needs no zod.

/** The id rule shared by every target: kebab-case, 1–64 characters. */
export const PERSONA_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const PERSONA_ID_MAX_LENGTH = 64;
