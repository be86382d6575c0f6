/**
 * The empty result of a step that found nothing. Most personas match nothing in a request; sharing
 * one empty array instead of allocating one per persona keeps a request over many personas cheap.
 */
export const NONE: readonly never[] = Object.freeze([]);
