import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { SavedServerSchema, type SavedServer } from '@mcpscope/protocol';
import { z } from 'zod';

/** Where mcpscope keeps its settings: $MCPSCOPE_CONFIG_DIR, else $XDG_CONFIG_HOME/mcpscope, else ~/.config/mcpscope. */
export function configDir(): string {
  return (
    process.env['MCPSCOPE_CONFIG_DIR'] ??
    join(process.env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), 'mcpscope')
  );
}

const FileSchema = z.object({ version: z.literal(1), servers: z.array(SavedServerSchema) });

/**
 * The user's saved servers, in `servers.json` under {@link configDir}. Written with 0600
 * permissions because configs carry tokens and env secrets; replaced atomically.
 */
export class SavedServers {
  private readonly path: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(dir = configDir()) {
    this.path = join(dir, 'servers.json');
  }

  async list(): Promise<SavedServer[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch {
      return [];
    }
    try {
      const parsed = FileSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data.servers : [];
    } catch {
      return [];
    }
  }

  save(server: SavedServer): Promise<SavedServer[]> {
    return this.update((servers) => [...servers.filter((s) => s.id !== server.id), server]);
  }

  remove(id: string): Promise<SavedServer[]> {
    return this.update((servers) => servers.filter((s) => s.id !== id));
  }

  /** Read-modify-write, one at a time: two tabs saving at once must both be kept. */
  private update(change: (servers: SavedServer[]) => SavedServer[]): Promise<SavedServer[]> {
    const next = this.queue.then(async () => {
      const servers = change(await this.list());
      await this.write(servers);
      return servers;
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async write(servers: SavedServer[]): Promise<void> {
    const dir = join(this.path, '..');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const tmp = `${this.path}.${process.pid}.${randomUUID()}.tmp`;
    await writeFile(tmp, JSON.stringify({ version: 1, servers }, null, 2) + '\n', { mode: 0o600 });
    await rename(tmp, this.path);
  }
}
