import type { Field, Value } from './elicitation-schema';
import { own } from '../../lib/name-map';

const INPUT =
  'w-full rounded-md border bg-white px-2 py-1.5 text-sm focus:outline-none dark:bg-zinc-900 dark:[color-scheme:dark]';
const OK = 'border-zinc-300 focus:border-indigo-500 dark:border-zinc-700';
const BAD = 'border-red-400 focus:border-red-500 dark:border-red-700';

const INPUT_TYPES: Record<string, string> = {
  email: 'email',
  uri: 'url',
  date: 'date',
  'date-time': 'datetime-local',
};

function constraints(field: Field): string[] {
  switch (field.kind) {
    case 'string':
      return [
        field.format !== undefined ? `format ${field.format}` : '',
        field.minLength !== undefined ? `min ${field.minLength} chars` : '',
        field.maxLength !== undefined ? `max ${field.maxLength} chars` : '',
        field.pattern !== undefined ? `pattern ${field.pattern}` : '',
        field.format === 'date-time' ? 'your local time, sent as UTC' : '',
      ].filter(Boolean);
    case 'number':
      return [
        field.integer ? 'integer' : 'number',
        field.minimum !== undefined ? `≥ ${field.minimum}` : '',
        field.maximum !== undefined ? `≤ ${field.maximum}` : '',
      ].filter(Boolean);
    case 'multi':
      return [
        field.minItems !== undefined ? `at least ${field.minItems}` : '',
        field.maxItems !== undefined ? `at most ${field.maxItems}` : '',
      ].filter(Boolean);
    case 'json':
      return [`raw JSON: ${field.reason}`];
    case 'boolean':
    case 'select':
      return [];
    default: {
      const _exhaustive: never = field;
      return _exhaustive;
    }
  }
}

/** One input of an elicitation form, with its label, its rules and its error. */
export function ElicitationField({
  field,
  value,
  error,
  onChange,
}: {
  field: Field;
  value: Value | undefined;
  error: string | undefined;
  onChange: (value: Value) => void;
}) {
  const id = `elicit-${field.key}`;
  const border = error === undefined ? OK : BAD;
  const text = typeof value === 'string' ? value : '';
  const rules = constraints(field);

  let input;
  switch (field.kind) {
    case 'boolean':
      input = (
        <label className="flex items-center gap-2 text-sm">
          <input
            id={id}
            type="checkbox"
            className="h-4 w-4 accent-indigo-600"
            checked={value === true}
            onChange={(e) => onChange(e.target.checked)}
          />
          {value === true ? 'true' : 'false'}
        </label>
      );
      break;
    case 'select':
      input = (
        <select
          id={id}
          className={`${INPUT} ${border}`}
          value={text}
          onChange={(e) => onChange(e.target.value)}
        >
          <option value="">{field.required ? 'Choose…' : '(none)'}</option>
          {field.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
              {o.label !== o.value ? ` (${o.value})` : ''}
            </option>
          ))}
        </select>
      );
      break;
    case 'multi': {
      const chosen = Array.isArray(value) ? value : [];
      input = (
        <div
          className={`flex flex-wrap gap-x-4 gap-y-1 rounded-md border px-2 py-1.5 ${border}`}
          role="group"
          aria-labelledby={`${id}-label`}
        >
          {field.options.map((o) => (
            <label key={o.value} className="flex items-center gap-1.5 text-sm">
              <input
                type="checkbox"
                className="h-4 w-4 accent-indigo-600"
                checked={chosen.includes(o.value)}
                onChange={(e) =>
                  onChange(
                    e.target.checked ? [...chosen, o.value] : chosen.filter((v) => v !== o.value),
                  )
                }
              />
              {o.label}
              {o.label !== o.value && <span className="text-xs text-zinc-400">{o.value}</span>}
            </label>
          ))}
        </div>
      );
      break;
    }
    case 'number':
      input = (
        <input
          id={id}
          type="number"
          className={`${INPUT} ${border}`}
          value={text}
          min={field.minimum}
          max={field.maximum}
          step={field.integer ? 1 : 'any'}
          onChange={(e) => onChange(e.target.value)}
        />
      );
      break;
    case 'string':
      input = (
        <input
          id={id}
          type={own(INPUT_TYPES, field.format ?? '') ?? 'text'}
          className={`${INPUT} ${border}`}
          value={text}
          minLength={field.minLength}
          maxLength={field.maxLength}
          onChange={(e) => onChange(e.target.value)}
        />
      );
      break;
    case 'json':
      input = (
        <input
          id={id}
          className={`${INPUT} ${border} font-mono`}
          value={text}
          placeholder="JSON value"
          onChange={(e) => onChange(e.target.value)}
        />
      );
      break;
    default: {
      const _exhaustive: never = field;
      return _exhaustive;
    }
  }

  return (
    <div className="space-y-1">
      <div className="flex items-baseline gap-2">
        <label id={`${id}-label`} htmlFor={id} className="text-sm font-medium">
          {field.title}
          {field.required && (
            <span className="ml-0.5 text-red-600" title="required">
              *
            </span>
          )}
        </label>
        <code className="text-xs text-zinc-400">{field.key}</code>
        {rules.length > 0 && (
          <span className="ml-auto text-xs text-zinc-400">{rules.join(' · ')}</span>
        )}
      </div>
      {field.description !== undefined && (
        <p className="text-xs text-zinc-500">{field.description}</p>
      )}
      {input}
      {error !== undefined && (
        <p className="text-xs text-red-700 dark:text-red-400" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
