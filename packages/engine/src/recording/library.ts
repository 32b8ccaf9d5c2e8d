import { randomBytes } from 'node:crypto';
import { chmodSync, constants, lstatSync, mkdirSync, readdirSync, unlinkSync } from 'node:fs';
import { lstat, open, readdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { RecordingInfo, RecordingList, ServerConfig } from '@mcpscope/protocol';
import type * as LibraryParts from './library-parts.js';
import type { RecordingWriter, RecordingWriterOptions } from './writer.js';

/** Where mcpscope keeps its data: $MCPSCOPE_DATA_DIR, else $XDG_DATA_HOME/mcpscope, else ~/.local/share/mcpscope. */
export function dataDir(): string {
  const override = process.env['MCPSCOPE_DATA_DIR'];
  if (override !== undefined && override !== '') return override;
  const xdg = process.env['XDG_DATA_HOME'];
  return join(
    xdg !== undefined && xdg !== '' ? xdg : join(homedir(), '.local', 'share'),
    'mcpscope',
  );
}

/** How many recordings are kept, and how many bytes they may take together. */
export interface RetentionLimits {
  maxFiles: number;
  maxBytes: number;
}

/** Defaults: enough for weeks of sessions, small enough never to fill a disk. */
export const DEFAULT_RETENTION: RetentionLimits = { maxFiles: 200, maxBytes: 500 * 1024 * 1024 };

/** Files whose entries are counted for the list; bigger ones would cost a full read each. */
const COUNT_ENTRIES_BELOW = 4 * 1024 * 1024;
/** How much of a file is read to find its header line. */
const HEADER_BYTES = 64 * 1024;

/**
 * What the library needs only once something is recorded or listed, loaded then and not with
 * the library: the recording schemas bring zod, which `mcpscope ui` must not load before it
 * serves its page.
 */
type Parts = typeof LibraryParts;

/** Names the library writes and serves: nothing with a path separator or a leading dot. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*\.jsonl$/;

/**
 * The recordings directory of `mcpscope ui`: every UI session is written here (0700 directory,
 * 0600 files, the same redacting {@link RecordingWriter} as `--record`), the oldest files
 * beyond the retention limits are deleted when a new one starts, and the list and download
 * routes read from here only.
 */
export class RecordingLibrary {
  readonly dir: string;
  private readonly active = new Set<string>();
  private parts: Parts | undefined;

  constructor(
    dir = join(dataDir(), 'recordings'),
    readonly limits: RetentionLimits = DEFAULT_RETENTION,
  ) {
    this.dir = dir;
  }

  /** Loads the writer and the recording schemas; awaited once before the first {@link start}. */
  async load(): Promise<Parts> {
    this.parts ??= await import('./library-parts.js');
    return this.parts;
  }

  /** Starts a new recording of `config`; prunes old ones first. */
  start(options: RecordingWriterOptions): RecordingWriter {
    const parts = this.parts;
    if (parts === undefined) throw new Error('RecordingLibrary.load() must finish before start()');
    this.ensureDir();
    const name = fileName(options.config);
    this.prune(1);
    this.active.add(name);
    return new parts.RecordingWriter(join(this.dir, name), options);
  }

  /** Marks a recording finished: it may be pruned from now on. */
  finished(writer: RecordingWriter): void {
    writer.close();
    this.active.delete(writer.path.slice(this.dir.length + 1));
  }

  /**
   * The absolute path of a recording by name, or undefined for anything not ours. Symlinks
   * are not ours (lstat, and the routes open with O_NOFOLLOW): the library writes only
   * regular files, and a planted link would otherwise serve any file the user can read.
   */
  resolve(name: string): string | undefined {
    if (!NAME.test(name)) return undefined;
    const path = join(this.dir, name);
    try {
      return lstatSync(path).isFile() ? path : undefined;
    } catch {
      return undefined;
    }
  }

  /** Every recording, newest first. */
  async list(): Promise<RecordingList> {
    let names: string[];
    try {
      names = (await readdir(this.dir)).filter((n) => NAME.test(n));
    } catch {
      names = [];
    }
    const parts = await this.load();
    const infos = await Promise.all(names.map((name) => this.info(name, parts)));
    const recordings = infos
      .filter((i): i is RecordingInfo => i !== undefined)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.name.localeCompare(a.name));
    return { recordings, dir: this.dir, limits: this.limits };
  }

  private async info(name: string, parts: Parts): Promise<RecordingInfo | undefined> {
    const path = join(this.dir, name);
    let size: number;
    let mtime: Date;
    try {
      // lstat: a symlink is not listed (see resolve).
      const s = await lstat(path);
      if (!s.isFile()) return undefined;
      size = s.size;
      mtime = s.mtime;
    } catch {
      return undefined;
    }
    const info: RecordingInfo = {
      name,
      size,
      createdAt: mtime.toISOString(),
      active: this.active.has(name),
    };
    try {
      const file = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
      try {
        const head = Buffer.alloc(Math.min(size, size < COUNT_ENTRIES_BELOW ? size : HEADER_BYTES));
        await file.read(head, 0, head.length, 0);
        const newline = head.indexOf(10);
        const header = parts.parseRecordingHeader(
          head.subarray(0, newline < 0 ? head.length : newline).toString('utf8'),
        );
        if (header.ok) {
          info.createdAt = header.header.createdAt;
          info.target = parts.describeTarget(header.header.target);
        }
        if (size < COUNT_ENTRIES_BELOW && newline >= 0) {
          let lines = 0;
          for (let i = head.indexOf(10); i >= 0; i = head.indexOf(10, i + 1)) lines++;
          info.entries = lines - 1;
        }
      } finally {
        await file.close();
      }
    } catch {
      // Unreadable now (being deleted, permissions): listed by name and size only.
    }
    return info;
  }

  private ensureDir(): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    // mkdir's mode only applies to a directory it creates; an existing one is tightened too.
    chmodSync(this.dir, 0o700);
  }

  /**
   * Deletes the oldest finished recordings until `room` more files fit under the limits.
   * Files being written are never deleted, so they may exceed the limits for a while.
   */
  private prune(room: number): void {
    const files = readdirSync(this.dir)
      .filter((n) => NAME.test(n))
      .flatMap((name) => {
        try {
          const s = lstatSync(join(this.dir, name));
          return s.isFile() ? [{ name, size: s.size, mtime: s.mtimeMs }] : [];
        } catch {
          return [];
        }
      })
      .sort((a, b) => b.mtime - a.mtime || b.name.localeCompare(a.name));
    let count = room;
    let bytes = 0;
    for (const file of files) {
      count++;
      bytes += file.size;
      if (this.active.has(file.name)) continue;
      if (count > this.limits.maxFiles || bytes > this.limits.maxBytes) {
        try {
          unlinkSync(join(this.dir, file.name));
        } catch {
          // Already gone (another mcpscope pruned it): nothing to do.
        }
        count--;
        bytes -= file.size;
      }
    }
  }
}

/** `2026-11-22T04-19-14Z-server-everything-demo-3fa2c1.jsonl`: sortable, readable, unique. */
function fileName(config: ServerConfig): string {
  const stamp = new Date()
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-');
  const label =
    config.transport === 'stdio'
      ? (config.name ?? [config.command, ...config.args.slice(0, 1)].map(baseName).join(' '))
      : (config.name ?? safeHost(config.url));
  const slug =
    label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || 'session';
  return `${stamp}-${slug}-${randomBytes(3).toString('hex')}.jsonl`;
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function safeHost(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}-${u.port}${u.pathname}`;
  } catch {
    return 'http';
  }
}
