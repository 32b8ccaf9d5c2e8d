import { z } from 'zod';

/**
 * The protocol revisions of the stateless era (2026-07-28 on): no `initialize`, a
 * `server/discover` probe, per-request `_meta`. Later dated revisions count as modern too.
 */
export const MODERN_PROTOCOL_VERSIONS = ['2026-07-28'] as const;

/** The first revision of the stateless era. */
export const FIRST_MODERN_PROTOCOL_VERSION = '2026-07-28';

/** The two protocol eras: `legacy` opens with `initialize`, `modern` is stateless. */
export const ProtocolEraSchema = z.enum(['legacy', 'modern']);
/** @see ProtocolEraSchema */
export type ProtocolEra = z.infer<typeof ProtocolEraSchema>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * How a client picks the era and version: `auto` probes with `server/discover` and falls
 * back to `initialize`; `legacy` opens with `initialize` only; a date pins that revision
 * (a legacy date is offered in `initialize`, a modern one must be in `server/discover`'s
 * `supportedVersions`).
 */
export const ProtocolVersionChoiceSchema = z
  .string()
  .refine(
    (v) => v === 'auto' || v === 'legacy' || DATE.test(v),
    'must be auto, legacy or a protocol revision date such as 2026-07-28',
  );
/** @see ProtocolVersionChoiceSchema */
export type ProtocolVersionChoice = z.infer<typeof ProtocolVersionChoiceSchema>;

/** Whether a revision date belongs to the stateless era. */
export function isModernProtocolVersion(version: string): boolean {
  return DATE.test(version) && version >= FIRST_MODERN_PROTOCOL_VERSION;
}

/** The era a pinned choice implies, or undefined for `auto`. */
export function eraOfChoice(choice: ProtocolVersionChoice): ProtocolEra | undefined {
  if (choice === 'auto') return undefined;
  if (choice === 'legacy') return 'legacy';
  return isModernProtocolVersion(choice) ? 'modern' : 'legacy';
}
