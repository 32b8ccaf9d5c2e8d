import {
  LATEST_PROTOCOL_VERSION,
  PROTOCOL_VERSION_META_KEY,
  SERVER_INFO_META_KEY,
  SUPPORTED_PROTOCOL_VERSIONS,
} from '@modelcontextprotocol/server';
import { FIRST_MODERN_PROTOCOL_VERSION } from '@mcpscope/protocol';
import { readDiscover } from '@mcpscope/engine/session/modern';
import type { MockScript, RecordedAnswer } from './script.js';

// A mock serves whichever era its client speaks, from a recording of either: the two
// handshakes carry the same facts (capabilities, serverInfo, instructions), so one is built
// from the other, and a modern client gets `resultType` on every result.

/** The era a live request was sent in: a modern client puts its version in every `_meta`. */
export function requestEra(params: unknown): 'modern' | 'legacy' {
  const meta = (params as { _meta?: Record<string, unknown> } | undefined)?._meta;
  return typeof meta?.[PROTOCOL_VERSION_META_KEY] === 'string' ? 'modern' : 'legacy';
}

function recordedResult(script: MockScript, method: string): Record<string, unknown> | undefined {
  for (const exchange of script.exchanges) {
    if (exchange.method !== method || !('result' in exchange.answer.reply)) continue;
    const result = exchange.answer.reply.result;
    if (typeof result === 'object' && result !== null) return result as Record<string, unknown>;
  }
  return undefined;
}

const answer = (result: Record<string, unknown>): RecordedAnswer => ({
  reply: { result },
  before: [],
  after: [],
});

/**
 * The handshake answer a recording of the other era implies: a `server/discover` result from
 * a recorded `initialize`, or an `initialize` result from a recorded `server/discover`.
 * Undefined when the recording has neither (or the request is no handshake).
 */
export function translatedHandshake(
  script: MockScript,
  method: string,
  params: unknown,
): { answer: RecordedAnswer; from: string } | undefined {
  if (method === 'server/discover') {
    const init = recordedResult(script, 'initialize');
    if (init === undefined) return undefined;
    return {
      from: 'initialize',
      answer: answer({
        supportedVersions: [FIRST_MODERN_PROTOCOL_VERSION],
        capabilities: init['capabilities'] ?? {},
        ...(typeof init['instructions'] === 'string' && { instructions: init['instructions'] }),
        resultType: 'complete',
        _meta: {
          [SERVER_INFO_META_KEY]: init['serverInfo'] ?? { name: 'mcpscope-mock', version: '' },
        },
      }),
    };
  }
  if (method === 'initialize') {
    // Read as the engine reads a live discover result (serverInfo from the result's _meta).
    const discover = readDiscover(recordedResult(script, 'server/discover'));
    if (discover === undefined) return undefined;
    const asked = (params as { protocolVersion?: unknown } | undefined)?.protocolVersion;
    return {
      from: 'server/discover',
      answer: answer({
        protocolVersion:
          typeof asked === 'string' && SUPPORTED_PROTOCOL_VERSIONS.includes(asked)
            ? asked
            : LATEST_PROTOCOL_VERSION,
        capabilities: discover.capabilities,
        serverInfo: discover.serverInfo ?? { name: 'mcpscope-mock', version: '' },
        ...(discover.instructions !== undefined && { instructions: discover.instructions }),
      }),
    };
  }
  return undefined;
}

/**
 * A recorded result in the client's era: a modern client gets `resultType: "complete"` where
 * a legacy recording has none; a legacy client does not get the modern-only `resultType`.
 */
export function resultForEra(answer: RecordedAnswer, era: 'modern' | 'legacy'): RecordedAnswer {
  if (!('result' in answer.reply)) return answer;
  const result = answer.reply.result;
  if (typeof result !== 'object' || result === null || Array.isArray(result)) return answer;
  const r = result as Record<string, unknown>;
  if (era === 'modern' && r['resultType'] === undefined)
    return { ...answer, reply: { result: { ...r, resultType: 'complete' } } };
  if (era === 'legacy' && r['resultType'] === 'complete') {
    const { resultType: _dropped, ...rest } = r;
    return { ...answer, reply: { result: rest } };
  }
  return answer;
}
