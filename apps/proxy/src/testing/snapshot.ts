import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { SnapshotKind } from './spec-schema.js';

/**
 * Snapshots of a server's surface: its tool, resource, template and prompt definitions,
 * stored as JSON next to the spec (`__snapshots__/<spec>.snap`) so that a change to
 * the surface shows up in review, and a mismatch prints what changed, item by item.
 */

export type Surface = Partial<Record<SnapshotKind, Record<string, unknown>[]>>;

const FORMAT = 'mcpscope-snapshots';

/** The list method and result key of each kind, and what identifies an item. */
export const SURFACE_KINDS: Record<
  SnapshotKind,
  { method: string; key: string; id: string[]; capability: string }
> = {
  tools: { method: 'tools/list', key: 'tools', id: ['name'], capability: 'tools' },
  resources: {
    method: 'resources/list',
    key: 'resources',
    id: ['uri', 'name'],
    capability: 'resources',
  },
  templates: {
    method: 'resources/templates/list',
    key: 'resourceTemplates',
    id: ['uriTemplate', 'name'],
    capability: 'resources',
  },
  prompts: { method: 'prompts/list', key: 'prompts', id: ['name'], capability: 'prompts' },
};

/** The identifying name of an item: a tool's name, a resource's URI, … */
export function itemId(kind: SnapshotKind, item: Record<string, unknown>): string {
  for (const key of SURFACE_KINDS[kind].id) if (typeof item[key] === 'string') return item[key];
  return JSON.stringify(item);
}

/** Sorted keys everywhere and items sorted by id: the same surface gives the same bytes. */
export function normalizeSurface(surface: Surface): Surface {
  const out: Surface = {};
  for (const kind of Object.keys(surface).sort() as SnapshotKind[]) {
    const list = surface[kind] ?? [];
    out[kind] = [...list]
      .sort((a, b) => itemId(kind, a).localeCompare(itemId(kind, b)))
      .map((item) => sortKeys(item) as Record<string, unknown>);
  }
  return out;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
  );
}

/** The snapshots of one spec file. Read once, written once at the end of the file's run. */
export class SnapshotFile {
  readonly path: string;
  private stored: Record<string, Surface> | undefined;
  private readonly seen = new Set<string>();
  private dirty = false;
  /** Why the stored file could not be read, if it could not. */
  loadError: string | undefined;

  constructor(specPath: string) {
    // `.snap`, not `.json`: the file is written by mcpscope, so formatters must leave it alone.
    this.path = join(dirname(specPath), '__snapshots__', `${basename(specPath)}.snap`);
  }

  private load(): Record<string, Surface> {
    if (this.stored !== undefined) return this.stored;
    this.stored = {};
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return this.stored;
    }
    try {
      const parsed = JSON.parse(text) as { format?: unknown; snapshots?: unknown };
      if (
        parsed.format !== FORMAT ||
        typeof parsed.snapshots !== 'object' ||
        parsed.snapshots === null
      )
        throw new Error(`not an ${FORMAT} file`);
      this.stored = parsed.snapshots as Record<string, Surface>;
    } catch (error) {
      this.loadError = `${this.path}: ${(error as Error).message}`;
    }
    return this.stored;
  }

  get(key: string): Surface | undefined {
    this.seen.add(key);
    return this.load()[key];
  }

  set(key: string, surface: Surface): void {
    this.seen.add(key);
    this.load()[key] = surface;
    this.dirty = true;
  }

  /** Stored snapshots that this run did not compare. */
  obsolete(): string[] {
    return Object.keys(this.load()).filter((key) => !this.seen.has(key));
  }

  /** Writes the file if anything changed; with `prune`, drops obsolete snapshots too. */
  save(prune: boolean): void {
    const stored = this.load();
    const obsolete = this.obsolete();
    if (prune && obsolete.length > 0) {
      for (const key of obsolete) delete stored[key];
      this.dirty = true;
    }
    if (!this.dirty) return;
    if (Object.keys(stored).length === 0) {
      rmSync(this.path, { force: true });
      return;
    }
    const sorted = Object.fromEntries(
      Object.keys(stored)
        .sort()
        .map((k) => [k, stored[k]]),
    );
    mkdirSync(dirname(this.path), { recursive: true });
    const temp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(
      temp,
      JSON.stringify({ format: FORMAT, version: 1, snapshots: sorted }, null, 2) + '\n',
    );
    renameSync(temp, this.path);
    this.dirty = false;
  }
}

const MAX_CHANGES_PER_ITEM = 12;

/** What changed from `before` to `after`, one change per line; empty when equal. */
export function diffSurface(before: Surface, after: Surface): string[] {
  const lines: string[] = [];
  const kinds = [
    ...new Set([...Object.keys(before), ...Object.keys(after)]),
  ].sort() as SnapshotKind[];
  for (const kind of kinds) {
    const old = new Map((before[kind] ?? []).map((item) => [itemId(kind, item), item]));
    const now = new Map((after[kind] ?? []).map((item) => [itemId(kind, item), item]));
    const section: string[] = [];
    if (before[kind] === undefined) section.push(`  + ${kind} (not in the snapshot before)`);
    if (after[kind] === undefined) section.push(`  - ${kind} (no longer listed)`);
    for (const [id, item] of now) if (!old.has(id)) section.push(`  + ${id}${describe(item)}`);
    for (const [id] of old) if (!now.has(id)) section.push(`  - ${id}`);
    for (const [id, item] of now) {
      const previous = old.get(id);
      if (previous === undefined) continue;
      const changes = diffValues(previous, item, '');
      if (changes.length === 0) continue;
      section.push(`  ~ ${id}`);
      for (const change of changes.slice(0, MAX_CHANGES_PER_ITEM)) section.push(`      ${change}`);
      if (changes.length > MAX_CHANGES_PER_ITEM)
        section.push(`      … ${changes.length - MAX_CHANGES_PER_ITEM} more changes`);
    }
    if (section.length > 0) lines.push(`${kind}:`, ...section);
  }
  return lines;
}

function describe(item: Record<string, unknown>): string {
  return typeof item['description'] === 'string'
    ? ` — ${item['description'].split('\n')[0]!.slice(0, 80)}`
    : '';
}

function short(value: unknown): string {
  if (value === undefined) return '(absent)';
  const text = JSON.stringify(value);
  return text.length > 100 ? `${text.slice(0, 100)}…` : text;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Leaf-level changes between two JSON values, as `path: old → new`. */
export function diffValues(a: unknown, b: unknown, path: string): string[] {
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => diffValues(a[k], b[k], path === '' ? k : `${path}.${k}`));
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    return a.flatMap((item, i) => diffValues(item, b[i], `${path}[${i}]`));
  }
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  return [`${path || '(value)'}: ${short(a)} → ${short(b)}`];
}
