import type { Diagnostic } from '@mcpscope/protocol';
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

/** The handshake as shown to users: offered beside agreed, plus what looked wrong. */
export interface HandshakeInfo {
  era: 'initialize';
  offered: Offer;
  agreed: Agreement;
  /** Seqs of the handshake's request and response in the traffic log. */
  requestSeq?: number;
  responseSeq?: number;
  issues: Diagnostic[];
}

/** What a handshake may do with the session while it runs. */
export interface HandshakeContext {
  offer: Offer;
  request(method: string, params: Record<string, unknown>): Promise<RequestOutcome>;
  notify(method: string, params?: Record<string, unknown>): Promise<void>;
  setProtocolVersion(version: string): void;
}

/**
 * The seam between the engine and a protocol era. Revisions up to 2025-11-25 open with
 * `initialize`; the stateless 2026-07-28 revision (`server/discover`, per-request `_meta`)
 * will be a second implementation of this interface, not a change to the engine.
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
        era: 'initialize',
        offered: offer,
        agreed,
        requestSeq: outcome.requestSeq,
        responseSeq: outcome.responseSeq,
        issues,
      },
    };
  },
};
