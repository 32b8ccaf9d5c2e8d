import { ChevronDown, ChevronRight } from 'lucide-react';
import { useState } from 'react';

const STRING_PREVIEW = 2000;
const ARRAY_PAGE = 100;
/**
 * Levels rendered as a tree; deeper ones show as "…". The proxy keeps messages up to 1,000
 * levels (MAX_JSON_DEPTH) and nobody reads a tree 100 deep; rendering one 1,000 deep would
 * nest 3,000 elements and make every expand click a long freeze.
 */
export const MAX_VIEW_DEPTH = 100;

/**
 * A collapsible JSON tree. Deep levels start collapsed, long strings and arrays are shown in
 * part with a way to see more, so a 20 MB result does not freeze the page.
 */
export function JsonView({
  value,
  expandDepth = 2,
  label,
}: {
  value: unknown;
  expandDepth?: number;
  label?: string;
}) {
  return (
    <div className="font-mono text-xs leading-5" role="tree" aria-label={label ?? 'JSON'}>
      <Node name={undefined} value={value} depth={0} expandDepth={expandDepth} last />
    </div>
  );
}

function Node({
  name,
  value,
  depth,
  expandDepth,
  last,
}: {
  name: string | undefined;
  value: unknown;
  depth: number;
  expandDepth: number;
  last: boolean;
}) {
  const [open, setOpen] = useState(depth < expandDepth);
  const [shown, setShown] = useState(ARRAY_PAGE);
  const comma = last ? '' : ',';
  const key =
    name === undefined ? null : (
      <span className="text-violet-700 dark:text-violet-300">{JSON.stringify(name)}: </span>
    );
  if (value !== null && typeof value === 'object' && depth >= MAX_VIEW_DEPTH) {
    return (
      <div style={{ paddingLeft: depth * 14 }} role="treeitem">
        {key}
        <span
          className="text-zinc-500"
          title={`nested deeper than ${MAX_VIEW_DEPTH} levels: see the raw JSON`}
        >
          {Array.isArray(value) ? '[…]' : '{…}'}
        </span>
        {comma}
      </div>
    );
  }
  if (value === null || typeof value !== 'object') {
    return (
      <div style={{ paddingLeft: depth * 14 }} role="treeitem">
        {key}
        <Scalar value={value} />
        {comma}
      </div>
    );
  }
  const isArray = Array.isArray(value);
  const entries: [string, unknown][] = isArray
    ? value.map((v, i): [string, unknown] => [String(i), v])
    : Object.entries(value);
  const [openBrace, closeBrace] = isArray ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) {
    return (
      <div style={{ paddingLeft: depth * 14 }} role="treeitem">
        {key}
        {openBrace}
        {closeBrace}
        {comma}
      </div>
    );
  }
  const visible = entries.slice(0, shown);
  return (
    <div role="treeitem" aria-expanded={open}>
      <div style={{ paddingLeft: depth * 14 }} className="flex items-center">
        <button
          type="button"
          onClick={() => setOpen(!open)}
          className="-ml-3.5 text-zinc-400 hover:text-zinc-700"
          aria-label={open ? 'Collapse' : 'Expand'}
        >
          {open ? <ChevronDown size={12} /> : <ChevronRight size={12} />}
        </button>
        <span>
          {key}
          {openBrace}
          {!open && (
            <button
              type="button"
              className="text-zinc-400 hover:text-zinc-700"
              onClick={() => setOpen(true)}
            >
              {' '}
              {entries.length} {isArray ? 'items' : 'keys'} {closeBrace}
              {comma}
            </button>
          )}
        </span>
      </div>
      {open && (
        <>
          {visible.map(([k, v], i) => (
            <Node
              key={k}
              name={isArray ? undefined : k}
              value={v}
              depth={depth + 1}
              expandDepth={expandDepth}
              last={i === entries.length - 1}
            />
          ))}
          {entries.length > shown && (
            <button
              type="button"
              style={{ paddingLeft: (depth + 1) * 14 }}
              className="text-indigo-600 hover:underline"
              onClick={() => setShown(shown + ARRAY_PAGE * 10)}
            >
              show {Math.min(ARRAY_PAGE * 10, entries.length - shown)} more of{' '}
              {entries.length - shown}…
            </button>
          )}
          <div style={{ paddingLeft: depth * 14 }}>
            {closeBrace}
            {comma}
          </div>
        </>
      )}
    </div>
  );
}

function Scalar({ value }: { value: unknown }) {
  const [full, setFull] = useState(false);
  if (typeof value === 'string') {
    const long = value.length > STRING_PREVIEW && !full;
    return (
      <span className="break-all whitespace-pre-wrap text-emerald-700 dark:text-emerald-400">
        {JSON.stringify(long ? value.slice(0, STRING_PREVIEW) : value)}
        {long && (
          <button
            type="button"
            className="ml-1 text-indigo-600 hover:underline"
            onClick={() => setFull(true)}
          >
            … {value.length - STRING_PREVIEW} more characters
          </button>
        )}
      </span>
    );
  }
  if (typeof value === 'number')
    return <span className="text-sky-700 dark:text-sky-400">{String(value)}</span>;
  if (typeof value === 'boolean')
    return <span className="text-amber-700 dark:text-amber-400">{String(value)}</span>;
  if (value === null) return <span className="text-zinc-500">null</span>;
  return <span className="text-zinc-500">{typeof value}</span>;
}
