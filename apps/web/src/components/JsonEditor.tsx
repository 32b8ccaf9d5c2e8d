import { json, jsonParseLinter } from '@codemirror/lang-json';
import { linter, lintGutter } from '@codemirror/lint';
import { oneDark } from '@codemirror/theme-one-dark';
import CodeMirror from '@uiw/react-codemirror';
import { useEffect, useState } from 'react';

function useDark(): boolean {
  const [dark, setDark] = useState(() => document.documentElement.classList.contains('dark'));
  useEffect(() => {
    const observer = new MutationObserver(() =>
      setDark(document.documentElement.classList.contains('dark')),
    );
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
    return () => observer.disconnect();
  }, []);
  return dark;
}

const extensions = [json(), linter(jsonParseLinter()), lintGutter()];

/**
 * A JSON editor with highlighting and parse errors inline (CodeMirror 6). `onSubmit` fires on
 * Ctrl/Cmd+Enter.
 */
export function JsonEditor({
  value,
  onChange,
  onSubmit,
  minHeight = '120px',
  maxHeight = '420px',
  label,
}: {
  value: string;
  onChange: (value: string) => void;
  onSubmit?: () => void;
  minHeight?: string;
  maxHeight?: string;
  label?: string;
}) {
  const dark = useDark();
  return (
    <div
      className="overflow-hidden rounded-md border border-zinc-300 text-sm dark:border-zinc-700"
      aria-label={label}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && onSubmit !== undefined) {
          event.preventDefault();
          onSubmit();
        }
      }}
    >
      <CodeMirror
        value={value}
        onChange={onChange}
        extensions={extensions}
        theme={dark ? oneDark : 'light'}
        minHeight={minHeight}
        maxHeight={maxHeight}
        basicSetup={{ foldGutter: true, highlightActiveLine: false }}
      />
    </div>
  );
}

/** Parses editor text as a JSON object, or says what is wrong. */
export function parseJsonObject(
  text: string,
): { ok: true; value: Record<string, unknown> } | { ok: false; message: string } {
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return { ok: false, message: 'must be a JSON object' };
    return { ok: true, value: value as Record<string, unknown> };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}
