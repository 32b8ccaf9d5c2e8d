import type { Answer, TrafficEntry } from '@mcpscope/protocol';
import type { ClientCapabilities } from '@modelcontextprotocol/client';

/** What a policy answers a server-to-client request with: the wire's `Answer`, one type. */
export type PolicyAnswer = Answer;

/** What a policy knows about the request it answers. */
export interface ServerRequestContext {
  /** Aborted when the server cancels the request or the session ends. */
  signal: AbortSignal;
  /** The traffic entry of the request (in the modern era, of the `input_required` result). */
  entry: TrafficEntry;
  /** In the modern era: the key of this input request in the result's `inputRequests`. */
  inputKey?: string;
}

type Answerer = (
  params: Record<string, unknown>,
  context: ServerRequestContext,
) => Promise<PolicyAnswer>;

/**
 * Answers the requests a server sends to the client. The engine declares a client
 * capability only for what a policy here can answer: a human in the UI, flags in the CLI,
 * a recording in replay, a spec file in `mcpscope test`.
 */
export interface ServerRequestPolicy {
  sampling?: Answerer;
  elicitation?: { modes: readonly ('form' | 'url')[]; answer: Answerer };
  roots?: Answerer;
  /**
   * Sampling and elicitation answers come from a person (the UI's dialogs): while one is
   * awaited, the session's own request timeouts stand still and restart in full afterwards.
   * The call that made the server ask is not late; the person is thinking or typing. The
   * server's own deadline for its request still runs, on the server's side.
   */
  waitsForHuman?: boolean;
}

/** The client capabilities that follow from a policy. */
export function capabilitiesFor(policy: ServerRequestPolicy): ClientCapabilities {
  const caps: ClientCapabilities = {};
  if (policy.sampling !== undefined) caps.sampling = {};
  if (policy.elicitation !== undefined) {
    caps.elicitation = Object.fromEntries(policy.elicitation.modes.map((m) => [m, {}]));
  }
  if (policy.roots !== undefined) caps.roots = { listChanged: true };
  return caps;
}
