import {
  isModernProtocolVersion,
  MODERN_PROTOCOL_VERSIONS,
  type Negotiation,
  type ProtocolEra,
  type ProtocolVersionChoice,
  type ServerConfig,
} from '@mcpscope/protocol';
import { SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/client';
import { initializeHandshake, type HandshakeContext, type HandshakeInfo } from './handshake.js';
import { discoverHandshake, supportedVersionsOf, UNSUPPORTED_PROTOCOL_VERSION } from './modern.js';
import { seqsOf, type RequestFailure, type RequestOutcome } from './outcome.js';

/**
 * A legacy server may never answer an unknown request before `initialize` (or take it with
 * 202 over HTTP): after this long without an answer the probe counts as "legacy" and
 * `initialize` follows. The SDK treats HTTP silence as an outage instead; a debugger would
 * rather go on, and a server that is really down fails `initialize` the same way.
 */
export const PROBE_TIMEOUT_MS = 10_000;

/** What negotiation needs from the session that runs it. */
export interface NegotiationHost {
  context: HandshakeContext;
  transport: ServerConfig['transport'];
  /** Starts a fresh connection after the probe ended the last one (a server that exits on it). */
  reopen(): Promise<{ ok: true } | RequestFailure>;
  /** Probe timeout: the handshake's, bounded by {@link PROBE_TIMEOUT_MS}. */
  probeTimeoutMs: number;
}

type Result = { ok: true; info: HandshakeInfo } | RequestFailure;

/** Verdicts per target for the life of this process, so reconnects do not probe again. */
const verdicts = new Map<string, { era: ProtocolEra; version: string }>();

/** The key a verdict is cached under: the command line, or the URL without its query. */
export function targetKey(config: ServerConfig): string {
  if (config.transport === 'stdio')
    return JSON.stringify([config.command, config.args, config.cwd ?? '']);
  const url = new URL(config.url);
  return `${url.origin}${url.pathname}`;
}

/** Forgets every cached verdict (tests, and `--protocol-version` given explicitly). */
export function forgetVerdicts(): void {
  verdicts.clear();
}

/**
 * Opens the session in the era the user chose. `auto` follows the 2026-07-28 spec's
 * backward-compatibility rules: probe with `server/discover`; a discover result or a
 * recognised modern error (`-32022` with a supported list) means modern; anything else means
 * legacy and `initialize` follows. Every step is in the traffic log and in the result's
 * `negotiation`, never hidden.
 */
export async function negotiate(
  choice: ProtocolVersionChoice,
  config: ServerConfig,
  host: NegotiationHost,
): Promise<Result> {
  const negotiation: Negotiation = { choice, steps: [] };
  const step = (detail: string, outcome?: { requestSeq?: number; responseSeq?: number }): void => {
    negotiation.steps.push({
      detail,
      ...(outcome?.requestSeq !== undefined && { requestSeq: outcome.requestSeq }),
      ...(outcome?.responseSeq !== undefined && { responseSeq: outcome.responseSeq }),
    });
  };
  const done = (result: Result): Result => {
    if (!result.ok) return result;
    // Only what auto found out is a verdict about the server: a pinned choice says what the
    // user wanted, and must not keep a later Auto connection from probing.
    if (choice === 'auto')
      verdicts.set(targetKey(config), {
        era: result.info.era,
        version: result.info.agreed.protocolVersion,
      });
    return { ok: true, info: { ...result.info, negotiation } };
  };

  if (choice === 'legacy' || (choice !== 'auto' && !isModernProtocolVersion(choice))) {
    const version = choice === 'legacy' ? host.context.offer.protocolVersion : choice;
    step(`${choice === 'legacy' ? 'legacy era chosen' : `pinned to ${choice}`}: initialize`);
    return done(await legacy(host, version));
  }
  if (choice !== 'auto') {
    step(`pinned to ${choice}: server/discover, no fallback`);
    const pinned = await discoverHandshake(choice).run(host.context);
    if (!pinned.ok) return pinned;
    if (!pinned.info.discover?.supportedVersions.includes(choice)) {
      return {
        ok: false,
        code: 'HANDSHAKE_FAILED',
        message: `pinned to ${choice}, but the server supports ${pinned.info.discover?.supportedVersions.join(', ') ?? 'other versions'} (use --protocol-version auto, or one of those)`,
        ...seqsOf(pinned.info),
      };
    }
    return done(pinned);
  }
  if (config.transport === 'sse') {
    step('legacy HTTP+SSE transport (2024-11-05): initialize, no server/discover probe');
    return done(await legacy(host, host.context.offer.protocolVersion));
  }

  const cached = verdicts.get(targetKey(config));
  if (cached !== undefined) {
    negotiation.cached = true;
    step(
      `this target spoke ${cached.era === 'modern' ? cached.version : 'the legacy era'} earlier in this process: no probe`,
    );
    if (cached.era === 'legacy') {
      const again = await legacy(host, host.context.offer.protocolVersion);
      if (again.ok || !modernRefusal(again)) return done(again);
      step('initialize was refused with a modern error: probing again', again);
    } else {
      const again = await discoverHandshake(cached.version).run(host.context);
      if (again.ok) return done(again);
      step(`server/discover at ${cached.version} failed (${again.message}): probing again`, again);
    }
  }

  const tried = new Set<string>();
  let version: string = MODERN_PROTOCOL_VERSIONS[0];
  const probeContext: HandshakeContext = {
    ...host.context,
    request: (method, params) =>
      host.context.request(method, params, { timeoutMs: host.probeTimeoutMs }),
  };
  for (;;) {
    tried.add(version);
    const probe = await discoverHandshake(version).run(probeContext);
    if (probe.ok) {
      const supported = probe.info.discover?.supportedVersions ?? [];
      if (supported.includes(version)) {
        step(
          `server/discover answered (supports ${supported.join(', ')}): modern era at ${version}`,
          probe.info,
        );
        return done(probe);
      }
      const next = mutualModern(supported, tried);
      if (next !== undefined) {
        step(
          `server/discover lists ${supported.join(', ')}, not ${version}: asking again at ${next}`,
          probe.info,
        );
        version = next;
        continue;
      }
      step(
        `server/discover lists only ${supported.join(', ') || 'no versions'}: falling back to initialize`,
        probe.info,
      );
      return done(await legacy(host, bestLegacy(supported) ?? host.context.offer.protocolVersion));
    }
    const supported =
      probe.code === 'RPC_ERROR' && probe.error?.code === UNSUPPORTED_PROTOCOL_VERSION
        ? supportedVersionsOf(probe.error.data)
        : undefined;
    if (supported !== undefined) {
      const next = mutualModern(supported, tried);
      if (next !== undefined) {
        step(
          `server/discover at ${version} was refused with -32022 (supported: ${supported.join(', ')}): retrying at ${next}`,
          probe,
        );
        version = next;
        continue;
      }
      step(
        `-32022 lists ${supported.join(', ')}, no modern version this client speaks: falling back to initialize`,
        probe,
      );
      return done(await legacy(host, bestLegacy(supported) ?? host.context.offer.protocolVersion));
    }
    // A 404 or 405 on the POST is the transport saying no, not the era: the caller's
    // fallback to legacy SSE handles it (2025-03-26 backward compatibility).
    if (
      (probe.status === 404 || probe.status === 405) &&
      config.transport === 'streamable-http' &&
      config.sseFallback
    )
      return probe;
    if (probe.code === 'AUTH_REQUIRED' || probe.code === 'CANCELLED') return probe;
    step(`server/discover: ${describeFailure(probe)}: falling back to initialize`, probe);
    if (
      probe.code === 'CONNECTION_CLOSED' ||
      probe.code === 'NOT_CONNECTED' ||
      probe.code === 'SEND_FAILED'
    ) {
      const reopened = await host.reopen();
      if (!reopened.ok) return reopened;
      step('the server ended the connection on the probe: started it again for initialize');
    }
    const fallback = await legacy(host, host.context.offer.protocolVersion);
    if (fallback.ok || !modernRefusal(fallback) || probe.code !== 'TIMEOUT') return done(fallback);
    // The probe timed out on stdio, yet initialize is refused the modern way: the server was
    // only slow to start. One more probe with the full timeout.
    step(
      'initialize was refused with -32022: the server is modern and was slow; probing again',
      fallback,
    );
    const late = await discoverHandshake(version).run(host.context);
    return late.ok ? done(late) : late;
  }
}

async function legacy(host: NegotiationHost, version: string): Promise<Result> {
  return initializeHandshake.run({
    ...host.context,
    offer: { ...host.context.offer, protocolVersion: version },
  });
}

function modernRefusal(failure: RequestFailure): boolean {
  return failure.code === 'RPC_ERROR' && failure.error?.code === UNSUPPORTED_PROTOCOL_VERSION;
}

/** The newest modern version both sides speak that was not tried yet. */
function mutualModern(
  supported: readonly string[],
  tried: ReadonlySet<string>,
): string | undefined {
  return MODERN_PROTOCOL_VERSIONS.find((v) => supported.includes(v) && !tried.has(v));
}

/** The newest legacy version in a server's list that this client knows. */
function bestLegacy(supported: readonly string[]): string | undefined {
  return SUPPORTED_PROTOCOL_VERSIONS.find((v) => supported.includes(v));
}

function describeFailure(outcome: Extract<RequestOutcome, { ok: false }>): string {
  if (outcome.code === 'RPC_ERROR' && outcome.error !== undefined)
    return `JSON-RPC error ${outcome.error.code} (${outcome.error.message})`;
  if (outcome.status !== undefined) return `HTTP ${outcome.status}`;
  switch (outcome.code) {
    case 'TIMEOUT':
      return `no answer within the probe timeout`;
    case 'CONNECTION_CLOSED':
    case 'NOT_CONNECTED':
      return 'the server closed the connection';
    default:
      return outcome.message;
  }
}
