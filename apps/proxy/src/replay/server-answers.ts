import type { ClientCapabilities } from '@modelcontextprotocol/client';
import type { PolicyAnswer, ServerRequestPolicy } from '@mcpscope/engine/session/policy';
import { RecordedExchanges } from '@mcpscope/protocol';

/** A server request the recording had no answer for. */
export interface UnmatchedServerRequest {
  method: string;
  params: unknown;
}

interface Waiter {
  /** Answers from what was recorded so far; false when nothing matches yet. */
  attempt: () => boolean;
  fail: () => void;
}

/**
 * Answers the target's sampling, elicitation and roots requests with what the recorded
 * client answered. The recording is read while the replay runs, so a live request may
 * arrive before its recorded answer has been read: it then waits until the reader adds
 * more answers, or stops (it is waiting on the target, or the file ended), and only then
 * gives up on it.
 */
export class RecordedServerAnswers {
  private readonly exchanges = new RecordedExchanges<PolicyAnswer>();
  private waiting: Waiter[] = [];
  private blocked = false;
  private answeredCount = 0;
  readonly unmatched: UnmatchedServerRequest[] = [];

  get answered(): number {
    return this.answeredCount;
  }

  /** A recorded server request and the client's answer to it. */
  add(method: string, params: unknown, answer: PolicyAnswer): void {
    this.exchanges.add({ method, params, answer });
    this.retry();
  }

  /**
   * A recorded retry round of a 2026-07-28 call: each of its `inputResponses` answers the
   * input request of the same key in the `input_required` result before it, and answers a
   * live input request of that method and params the same way a recorded server request's
   * answer does (the session runs both through one policy).
   */
  addInputResponses(
    asked: Readonly<Record<string, { method: string; params: Record<string, unknown> }>>,
    responses: unknown,
  ): void {
    if (typeof responses !== 'object' || responses === null) return;
    for (const [key, response] of Object.entries(responses as Record<string, unknown>)) {
      const request = asked[key];
      if (request === undefined || typeof response !== 'object' || response === null) continue;
      this.exchanges.add({
        method: request.method,
        params: request.params,
        answer: { result: response as Record<string, unknown> },
      });
    }
    this.retry();
  }

  /**
   * The reader waits on the target and adds nothing until `readerResumed`: waiting requests,
   * and requests arriving meanwhile, take the best match there is or none.
   */
  readerBlocked(): void {
    this.blocked = true;
    const waiting = this.waiting;
    this.waiting = [];
    for (const waiter of waiting) if (!waiter.attempt()) waiter.fail();
  }

  readerResumed(): void {
    this.blocked = false;
  }

  /** The policy for a session whose recorded client declared `capabilities`. */
  policyFor(capabilities: ClientCapabilities): ServerRequestPolicy {
    const policy: ServerRequestPolicy = {};
    const answer = (method: string) => (params: Record<string, unknown>) =>
      this.answer(method, params);
    if (capabilities.sampling !== undefined) policy.sampling = answer('sampling/createMessage');
    if (capabilities.elicitation !== undefined) {
      const modes = Object.keys(capabilities.elicitation).filter(
        (m): m is 'form' | 'url' => m === 'form' || m === 'url',
      );
      policy.elicitation = {
        modes: modes.length > 0 ? modes : ['form'],
        answer: answer('elicitation/create'),
      };
    }
    if (capabilities.roots !== undefined) policy.roots = answer('roots/list');
    return policy;
  }

  private answer(method: string, params: unknown): Promise<PolicyAnswer> {
    return new Promise<PolicyAnswer>((resolve) => {
      const attempt = (): boolean => {
        const found = this.exchanges.take(method, params);
        if (found === undefined) return false;
        this.answeredCount++;
        resolve(found.exchange.answer);
        return true;
      };
      const fail = (): void => {
        this.unmatched.push({ method, params });
        resolve({
          error: {
            code: -32603,
            message: `mcpscope replay: the recording has no answer for this ${method} request`,
          },
        });
      };
      if (attempt()) return;
      if (this.blocked) fail();
      else this.waiting.push({ attempt, fail });
    });
  }

  private retry(): void {
    this.waiting = this.waiting.filter((waiter) => !waiter.attempt());
  }
}
