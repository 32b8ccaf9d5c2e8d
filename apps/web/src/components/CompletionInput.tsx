import { Loader2 } from 'lucide-react';
import { useId, useState, type KeyboardEvent } from 'react';
import { useCompletions, type CompletionSource } from '../lib/use-completions';

/**
 * A text field with the server's suggestions (`completion/complete`) in a dropdown under it.
 * Arrow keys move through them, Enter or a click takes one, Escape closes the list. Without a
 * source (the server has no `completions` capability) it is a plain field.
 */
export function CompletionInput({
  id,
  argument,
  value,
  onChange,
  source,
  placeholder,
  required,
  invalid,
  describedBy,
}: {
  id: string;
  /** The argument or variable name sent in `argument.name`. */
  argument: string;
  value: string;
  onChange: (value: string) => void;
  source: CompletionSource | undefined;
  placeholder?: string;
  required?: boolean;
  invalid?: boolean;
  describedBy?: string;
}) {
  const listId = useId();
  const [focused, setFocused] = useState(false);
  const [open, setOpen] = useState(false);
  const [highlight, setHighlight] = useState(-1);
  const { suggestions, loading, failure } = useCompletions(source, argument, value, focused);
  const values = suggestions?.values ?? [];
  // A list holding only what is already typed has nothing to offer.
  const useful = values.length > 0 && !(values.length === 1 && values[0] === value);
  const shown = focused && open && useful;

  const choose = (choice: string): void => {
    onChange(choice);
    setOpen(false);
    setHighlight(-1);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!useful) return;
      event.preventDefault();
      setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setHighlight((h) =>
        shown ? (h + step + values.length) % values.length : step > 0 ? 0 : values.length - 1,
      );
    } else if (event.key === 'Enter' && shown && highlight >= 0 && highlight < values.length) {
      event.preventDefault();
      choose(values[highlight] ?? '');
    } else if (event.key === 'Escape' && shown) {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    }
  };

  return (
    <div className="relative">
      <input
        id={id}
        type="text"
        value={value}
        placeholder={placeholder}
        required={required}
        autoComplete="off"
        spellCheck={false}
        role={source === undefined ? undefined : 'combobox'}
        aria-autocomplete={source === undefined ? undefined : 'list'}
        aria-expanded={source === undefined ? undefined : shown}
        aria-controls={source === undefined ? undefined : listId}
        aria-activedescendant={shown && highlight >= 0 ? `${listId}-${highlight}` : undefined}
        aria-invalid={invalid === true ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => {
          onChange(e.target.value);
          setOpen(true);
          setHighlight(-1);
        }}
        onFocus={() => {
          setFocused(true);
          setOpen(true);
        }}
        onBlur={() => {
          setFocused(false);
          setOpen(false);
          setHighlight(-1);
        }}
        onKeyDown={onKeyDown}
        className={`w-full rounded-md border bg-white px-2.5 py-1.5 pr-7 font-mono text-sm placeholder:font-sans placeholder:text-zinc-400 focus:outline-none dark:bg-zinc-900 ${
          invalid === true
            ? 'border-red-400 focus:border-red-500 dark:border-red-700'
            : 'border-zinc-300 focus:border-indigo-500 dark:border-zinc-700'
        }`}
      />
      {focused && loading && (
        <Loader2
          size={13}
          className="absolute top-2.5 right-2 animate-spin text-zinc-400"
          aria-label="Loading suggestions"
        />
      )}
      {shown && (
        <ul
          id={listId}
          role="listbox"
          aria-label={`Suggestions for ${argument}`}
          className="absolute z-30 mt-1 max-h-60 w-full overflow-auto rounded-md border border-zinc-200 bg-white py-1 text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
        >
          {values.map((v, i) => (
            <li
              key={`${i}:${v}`}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === highlight}
              onMouseDown={(e) => {
                // Keep focus in the field so the click lands before blur closes the list.
                e.preventDefault();
                choose(v);
              }}
              onMouseEnter={() => setHighlight(i)}
              className={`cursor-pointer truncate px-2.5 py-1 font-mono ${
                i === highlight
                  ? 'bg-indigo-50 text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200'
                  : 'text-zinc-800 dark:text-zinc-200'
              }`}
            >
              {v === '' ? <span className="text-zinc-400 italic">(empty)</span> : v}
            </li>
          ))}
          {(suggestions?.hasMore === true ||
            (suggestions?.total !== undefined && suggestions.total > values.length)) && (
            <li
              role="presentation"
              className="border-t border-zinc-100 px-2.5 pt-1 text-[11px] text-zinc-500 dark:border-zinc-800"
            >
              {values.length}
              {suggestions.total !== undefined && ` of ${suggestions.total}`} shown
              {suggestions.hasMore && ' · more available: keep typing'}
            </li>
          )}
        </ul>
      )}
      {focused && source !== undefined && suggestions?.value === value && !useful && !loading && (
        <p className="mt-0.5 text-[11px] text-zinc-400" role="status">
          <code>completion/complete</code>:{' '}
          {values.length === 0 ? 'no suggestions' : 'nothing beyond what is typed'}
        </p>
      )}
      {focused && failure !== undefined && (
        <p className="mt-0.5 text-[11px] text-amber-700 dark:text-amber-400" role="status">
          <code>completion/complete</code> failed: {failure.error?.message ?? failure.message}
        </p>
      )}
    </div>
  );
}
