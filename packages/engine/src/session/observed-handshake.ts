import {
  CLIENT_CAPABILITIES_META_KEY,
  CLIENT_INFO_META_KEY,
  PROTOCOL_VERSION_META_KEY,
} from '@modelcontextprotocol/client';
import type { Handshake, TrafficEntry } from '@mcpscope/protocol';
import { readDiscover } from './modern.js';

type Json = Record<string, unknown>;

/**
 * The handshake of a connection mcpscope did not make but watched (`mcpscope tap`): read from
 * the host's own messages, in either era. Legacy: the host's `initialize` is the offer, its
 * answer the agreement. Modern (2026-07-28): the host's `server/discover` and the `_meta`
 * envelope of its requests are the offer, the discover result the agreement. Fed every entry
 * in order; {@link see} says whether the handshake changed.
 */
export class ObservedHandshake {
  private requestSeq: number | undefined;
  private current: Handshake | undefined;
  private era: Handshake['era'] | undefined;
  private offered: Handshake['offered'] | undefined;

  get info(): Handshake | undefined {
    return this.current;
  }

  see(entry: TrafficEntry): boolean {
    const msg = entry.msg as Json | undefined;
    if (msg === undefined || typeof msg !== 'object' || msg === null) return false;
    if (entry.dir === 'c2s' && entry.kind === 'request') return this.request(entry, msg);
    if (
      entry.dir === 's2c' &&
      (entry.kind === 'response' || entry.kind === 'error') &&
      entry.pairSeq !== undefined &&
      entry.pairSeq === this.requestSeq
    )
      return this.answer(entry, msg);
    return false;
  }

  private request(entry: TrafficEntry, msg: Json): boolean {
    const params = isObject(msg['params']) ? msg['params'] : {};
    if (msg['method'] === 'initialize') {
      this.era = 'legacy';
      this.requestSeq = entry.seq;
      this.offered = {
        protocolVersion: str(params['protocolVersion']),
        capabilities: obj(params['capabilities']),
        clientInfo: obj(params['clientInfo']),
      };
      return this.publish({ requestSeq: entry.seq }, undefined);
    }
    const meta = isObject(params['_meta']) ? params['_meta'] : undefined;
    const envelope =
      meta !== undefined && PROTOCOL_VERSION_META_KEY in meta
        ? {
            protocolVersion: str(meta[PROTOCOL_VERSION_META_KEY]),
            capabilities: obj(meta[CLIENT_CAPABILITIES_META_KEY]),
            clientInfo: obj(meta[CLIENT_INFO_META_KEY]),
          }
        : undefined;
    if (msg['method'] === 'server/discover') {
      this.era = 'modern';
      this.requestSeq = entry.seq;
      this.offered = envelope ?? { protocolVersion: '(none)', capabilities: {}, clientInfo: {} };
      return this.publish({ requestSeq: entry.seq }, undefined);
    }
    // A modern host may skip discover: its first enveloped request still tells who it is.
    if (envelope !== undefined && this.offered === undefined) {
      this.era = 'modern';
      this.offered = envelope;
      return this.publish({}, undefined);
    }
    return false;
  }

  private answer(entry: TrafficEntry, msg: Json): boolean {
    const seqs = { requestSeq: this.requestSeq!, responseSeq: entry.seq };
    if (entry.kind === 'error') {
      const error = obj(msg['error']);
      return this.publish(seqs, undefined, {
        severity: 'error',
        code: 'HANDSHAKE_FAILED',
        message: `the server answered the handshake with error ${String(error['code'])}: ${str(error['message'])}`,
      });
    }
    const result = obj(msg['result']);
    if (this.era === 'modern') {
      const discover = readDiscover(result);
      if (discover === undefined) return false;
      return this.publish(seqs, {
        protocolVersion: this.offered?.protocolVersion ?? '(none)',
        capabilities: discover.capabilities,
        serverInfo: discover.serverInfo ?? {},
        ...(discover.instructions !== undefined && { instructions: discover.instructions }),
        discover,
      });
    }
    return this.publish(seqs, {
      protocolVersion: str(result['protocolVersion']),
      capabilities: obj(result['capabilities']),
      serverInfo: obj(result['serverInfo']),
      ...(typeof result['instructions'] === 'string' && { instructions: result['instructions'] }),
    });
  }

  private publish(
    seqs: { requestSeq?: number; responseSeq?: number },
    agreed: (Handshake['agreed'] & { discover?: NonNullable<Handshake['discover']> }) | undefined,
    issue?: Handshake['issues'][number],
  ): boolean {
    const { discover, ...agreement } = agreed ?? {
      protocolVersion: '(waiting for the server)',
      capabilities: {},
      serverInfo: {},
    };
    const next: Handshake = {
      era: this.era ?? 'legacy',
      offered: this.offered ?? { protocolVersion: '(none)', capabilities: {}, clientInfo: {} },
      agreed: agreement,
      issues: issue === undefined ? [] : [issue],
      ...seqs,
      ...(discover !== undefined && { discover }),
    };
    this.current = next;
    return true;
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function obj(value: unknown): Json {
  return isObject(value) ? value : {};
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '(none)';
}
