import { AlertTriangle, Check } from 'lucide-react';
import { useMemo, useState } from 'react';
import { Button } from '../../components/Button';
import { JsonView } from '../../components/JsonView';
import { withKey } from '../../lib/name-map';
import { AnswerLayout } from './AnswerLayout';
import { fieldsOf, initialValues, validate, type Value } from './elicitation-schema';
import { ElicitationField } from './ElicitationField';
import type { AnswerFn } from './pending-queue';
import { useAnswer } from './use-answer';

/** `elicitation/create` in form mode: a form built from `requestedSchema`. */
export function ElicitationDialog({
  params,
  onAnswer,
}: {
  params: Record<string, unknown>;
  onAnswer: AnswerFn;
}) {
  const { busy, error, send } = useAnswer(onAnswer);
  const { fields, problems } = useMemo(() => fieldsOf(params['requestedSchema']), [params]);
  const [values, setValues] = useState<Record<string, Value>>(() =>
    initialValues(fields, params['requestedSchema']),
  );
  // Errors show once a field was changed, or for all fields once the user asks why; not on
  // blur, where a message appearing under the field would move the click meant for below it.
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  const [showAll, setShowAll] = useState(false);
  const { errors, content } = validate(fields, values);
  const invalid = fields.filter((f) => errors[f.key] !== undefined);

  const touch = (key: string): void =>
    setTouched((prev) => (prev.has(key) ? prev : new Set(prev).add(key)));
  const accept = (): void => {
    if (invalid.length > 0) {
      setShowAll(true);
      return;
    }
    send({ result: { action: 'accept', content } });
  };

  return (
    <AnswerLayout
      error={error}
      onSubmit={accept}
      footer={
        <>
          <Button
            variant="ghost"
            disabled={busy}
            onClick={() => send({ result: { action: 'cancel' } })}
            title="The user dismissed the request without choosing (action: cancel)"
          >
            Cancel
          </Button>
          <Button
            disabled={busy}
            onClick={() => send({ result: { action: 'decline' } })}
            title="The user explicitly refused to answer (action: decline)"
          >
            Decline
          </Button>
          <span className="flex-1" />
          {invalid.length > 0 && (
            <button
              type="button"
              className="text-xs text-amber-700 hover:underline dark:text-amber-400"
              onClick={() => {
                setShowAll(true);
                document.getElementById(`elicit-${invalid[0]!.key}`)?.focus();
              }}
            >
              {invalid.length === 1
                ? `${invalid[0]!.title}: ${errors[invalid[0]!.key]}`
                : `${invalid.length} fields need attention`}
            </button>
          )}
          <Button variant="primary" disabled={busy || invalid.length > 0} onClick={accept}>
            <Check size={14} /> {busy ? 'Sending…' : 'Accept'}
          </Button>
        </>
      }
    >
      <div className="space-y-4 p-4">
        {typeof params['message'] === 'string' && (
          <p className="rounded-md border-l-4 border-indigo-500 bg-indigo-50 px-3 py-2 text-sm whitespace-pre-wrap dark:bg-indigo-950/40">
            {params['message']}
          </p>
        )}
        {problems.length > 0 && (
          <ul className="space-y-1 text-xs text-amber-700 dark:text-amber-400">
            {problems.map((p) => (
              <li key={p} className="flex items-center gap-1.5">
                <AlertTriangle size={13} /> {p}
              </li>
            ))}
          </ul>
        )}
        {fields.length === 0 ? (
          <p className="text-sm text-zinc-500">
            The schema asks for no fields: Accept sends an empty <code>content</code>.
          </p>
        ) : (
          <form
            className="space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              accept();
            }}
          >
            {fields.map((field) => (
              <ElicitationField
                key={field.key}
                field={field}
                value={values[field.key]}
                error={showAll || touched.has(field.key) ? errors[field.key] : undefined}
                onChange={(value) => {
                  setValues((prev) => withKey(prev, field.key, value));
                  touch(field.key);
                }}
              />
            ))}
          </form>
        )}
        <details className="text-sm">
          <summary className="cursor-pointer text-xs text-zinc-500 hover:text-zinc-800 dark:hover:text-zinc-200">
            requestedSchema and the content Accept sends
          </summary>
          <div className="mt-1 grid gap-2 md:grid-cols-2">
            <div className="rounded-md bg-zinc-50 py-2 pr-2 pl-5 dark:bg-zinc-900">
              <JsonView value={params['requestedSchema']} expandDepth={1} />
            </div>
            <div className="rounded-md bg-zinc-50 py-2 pr-2 pl-5 dark:bg-zinc-900">
              <JsonView value={{ action: 'accept', content }} expandDepth={2} />
            </div>
          </div>
        </details>
      </div>
    </AnswerLayout>
  );
}
