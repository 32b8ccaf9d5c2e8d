import type { Diagnostic, Handshake as WireHandshake } from '@mcpscope/protocol';
import {
  SUPPORTED_PROTOCOL_VERSIONS,
  type ClientCapabilities,
  type Implementation,
  type ServerCapabilities,
} from '@modelcontextprotocol/client';
import type { RequestOutcome } from './outcome.js';

/** What the client offers when a session opens. */
export interface Offer {
  protocolVersion: string;
  capabilities: ClientCapabilities;
  clientInfo: Implementation;
}

/** What the server answered, as far as the handshake of its era tells. */
export interface Agreement {
  protocolVersion: string;
  capabilities: ServerCapabilities;
  serverInfo: Implementation;
  instructions?: string;
}

/**
 * The handshake as shown to users (offered beside agreed, the seqs, what looked wrong): the
 * wire contract's `Handshake`, so the engine and the browser read one type.
 */
export type HandshakeInfo = WireHandshake;

/** What a `server/discover` result says, as shown in the Overview. */
export type DiscoverInfo = NonNullable<WireHandshake['discover']>;

/** What a handshake may do with the session while it runs. */
export interface HandshakeContext {
  offer: Offer;
  request(
    method: string,
    params: Record<string, unknown>,
    options?: { timeoutMs?: number },
  ): Promise<RequestOutcome>;
  notify(method: string, params?: Record<string, unknown>): Promise<void>;
  setProtocolVersion(version: string): void;
}

/**
 * The seam between the engine and a protocol era. Revisions up to 2025-11-25 open with
 * `initialize`; the stateless 2026-07-28 revision opens with `server/discover` and carries
 * the offer in every request's `_meta` ({@link discoverHandshake}). Which one runs is
 * decided in `negotiate.ts`.
 */
export interface Handshake {
  run(
    context: HandshakeContext,
  ): Promise<{ ok: true; info: HandshakeInfo } | Extract<RequestOutcome, { ok: false }>>;
}

/** The `initialize` / `notifications/initialized` handshake of revisions 2024-11-05 to 2025-11-25. */
export const initializeHandshake: Handshake = {
  async run(context) {
    const { offer } = context;
    const outcome = await context.request('initialize', {
      protocolVersion: offer.protocolVersion,
      capabilities: offer.capabilities,
      clientInfo: offer.clientInfo,
    });
    if (!outcome.ok) return outcome;
    const result = (outcome.result ?? {}) as Partial<Agreement> & Record<string, unknown>;
    const issues: Diagnostic[] = [];
    const agreedVersion =
      typeof result.protocolVersion === 'string' ? result.protocolVersion : '(none)';
    if (!SUPPORTED_PROTOCOL_VERSIONS.includes(agreedVersion)) {
      issues.push({
        severity: 'warning',
        code: 'UNSUPPORTED_VERSION',
        message: `the server chose protocol version ${agreedVersion}, which this client does not know; continuing so you can inspect it`,
      });
    } else if (agreedVersion !== offer.protocolVersion) {
      issues.push({
        severity: 'info',
        code: 'VERSION_NEGOTIATED',
        message: `offered ${offer.protocolVersion}, the server chose ${agreedVersion}`,
      });
    }
    context.setProtocolVersion(agreedVersion);
    await context.notify('notifications/initialized');
    const agreed: Agreement = {
      protocolVersion: agreedVersion,
      capabilities: result.capabilities ?? {},
      serverInfo: result.serverInfo ?? { name: '(unnamed)', version: '' },
    };
    if (typeof result.instructions === 'string') agreed.instructions = result.instructions;
    return {
      ok: true,
      info: {
        era: 'legacy',
        offered: offer,
        agreed,
        requestSeq: outcome.requestSeq,
        responseSeq: outcome.responseSeq,
        issues,
      },
    };
  },
};
