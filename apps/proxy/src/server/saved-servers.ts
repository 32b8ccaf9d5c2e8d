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

  async save(server: SavedServer): Promise<SavedServer[]> {
    const servers = (await this.list()).filter((s) => s.id !== server.id);
    servers.push(server);
    await this.write(servers);
    return servers;
  }

  async remove(id: string): Promise<SavedServer[]> {
    const servers = (await this.list()).filter((s) => s.id !== id);
    await this.write(servers);
    return servers;
  }

  private async write(servers: SavedServer[]): Promise<void> {
    const dir = join(this.path, '..');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const tmp = `${this.path}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify({ version: 1, servers }, null, 2) + '\n', { mode: 0o600 });
    await rename(tmp, this.path);
  }
}
