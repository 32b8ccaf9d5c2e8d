import { useState } from 'react';
import { Button } from '../../components/Button';
import { JsonEditor, parseJsonObject } from '../../components/JsonEditor';
import { JsonView } from '../../components/JsonView';
import { AnswerLayout } from './AnswerLayout';
import type { AnswerFn } from './pending-queue';
import { useAnswer } from './use-answer';

/** A server request this UI has no form for: answer it with raw JSON, result or error. */
export function GenericRequestDialog({
  method,
  params,
  onAnswer,
}: {
  method: string;
  params: Record<string, unknown>;
  onAnswer: AnswerFn;
}) {
  const { busy, error, send } = useAnswer(onAnswer);
  const [text, setText] = useState('{}');
  const parsed = parseJsonObject(text);
  const sendResult = (): void => {
    if (parsed.ok) send({ result: parsed.value });
  };
  return (
    <AnswerLayout
      error={error ?? (parsed.ok ? undefined : `The result ${parsed.message}`)}
      onSubmit={sendResult}
      footer={
        <>
          <Button
            variant="danger"
            disabled={busy}
            onClick={() =>
              send({ error: { code: -32601, message: `Method not found: ${method}` } })
            }
          >
            Send “method not found”
          </Button>
          <span className="flex-1" />
          <Button variant="primary" disabled={busy || !parsed.ok} onClick={sendResult}>
            Send result
          </Button>
        </>
      }
    >
      <div className="space-y-3 p-4">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          mcpscope has no form for <code>{method}</code>. Answer with a JSON result, or refuse it.
        </p>
        <div className="rounded-md bg-zinc-50 py-2 pr-2 pl-5 dark:bg-zinc-900">
          <JsonView value={params} />
        </div>
        <JsonEditor value={text} onChange={setText} onSubmit={sendResult} label="Result JSON" />
      </div>
    </AnswerLayout>
  );
}
