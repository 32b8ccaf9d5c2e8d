import type { Answer, PendingServerRequest } from '@mcpscope/protocol';
import type { PolicyAnswer, ServerRequestPolicy } from '@mcpscope/engine/session/policy';

/** How a pending server request left the queue. */
export type SettledHow = 'answered' | 'cancelled-by-server' | 'session-ended';

interface Waiting {
  request: PendingServerRequest;
  resolve: (answer: PolicyAnswer) => void;
}

/**
 * Answers a server's sampling and elicitation requests through a human in the UI: each
 * request waits in a queue until a `respond` command arrives, the server cancels it, or the
 * session ends. Roots are answered at once from the session's editable list.
 */
export class HumanAnswers {
  private readonly waiting = new Map<string, Waiting>();

  constructor(
    private readonly onPending: (request: PendingServerRequest) => void,
    private readonly onSettled: (key: string, how: SettledHow) => void,
  ) {}

  /** Requests still waiting for a human, oldest first. */
  list(): PendingServerRequest[] {
    return [...this.waiting.values()].map((w) => w.request);
  }

  /** The policy for a session whose roots come from `roots()`. */
  policy(roots: () => { uri: string; name?: string }[]): ServerRequestPolicy {
    const ask =
      (method: string) =>
      (
        params: Record<string, unknown>,
        context: { signal: AbortSignal; entry: { seq: number }; inputKey?: string },
      ): Promise<PolicyAnswer> =>
        new Promise((resolve) => {
          // One input_required result may ask for several inputs at once: each has its key.
          const key =
            context.inputKey === undefined
              ? String(context.entry.seq)
              : `${context.entry.seq}:${context.inputKey}`;
          const request: PendingServerRequest = {
            key,
            method,
            params,
            seq: context.entry.seq,
            receivedAt: new Date().toISOString(),
            ...(context.inputKey !== undefined && { inputKey: context.inputKey }),
          };
          this.waiting.set(key, { request, resolve });
          context.signal.addEventListener(
            'abort',
            () => {
              if (!this.waiting.delete(key)) return;
              this.onSettled(key, 'cancelled-by-server');
              resolve({ error: { code: -32800, message: 'request cancelled' } });
            },
            { once: true },
          );
          this.onPending(request);
        });
    return {
      sampling: ask('sampling/createMessage'),
      elicitation: { modes: ['form', 'url'], answer: ask('elicitation/create') },
      roots: () => Promise.resolve({ result: { roots: roots() } }),
      waitsForHuman: true,
    };
  }

  /** Delivers a human's answer. False when nothing with that key is waiting. */
  answer(key: string, answer: Answer): boolean {
    const waiting = this.waiting.get(key);
    if (waiting === undefined) return false;
    this.waiting.delete(key);
    waiting.resolve(answer);
    this.onSettled(key, 'answered');
    return true;
  }

  /** Drops everything waiting, when the session ends. */
  clear(): void {
    for (const [key, waiting] of this.waiting) {
      waiting.resolve({ error: { code: -32603, message: 'the session ended' } });
      this.onSettled(key, 'session-ended');
    }
    this.waiting.clear();
  }
}
