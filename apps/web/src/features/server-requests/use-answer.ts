import type { Answer } from '@mcpscope/protocol';
import { useState } from 'react';
import type { AnswerFn } from './pending-queue';

/** Sends an answer once, remembering that it is in flight and why it failed. */
export function useAnswer(onAnswer: AnswerFn): {
  busy: boolean;
  error: string | undefined;
  send: (answer: Answer) => void;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const send = (answer: Answer): void => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    onAnswer(answer).then(
      // On success the request leaves the queue and this dialog body unmounts.
      () => undefined,
      (failure: unknown) => {
        setBusy(false);
        setError(`Could not send the answer: ${(failure as Error).message}`);
      },
    );
  };
  return { busy, error, send };
}
