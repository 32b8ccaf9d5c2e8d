import { join } from 'node:path';
import { SavedServerSchema, type SavedServer } from '@mcpscope/protocol';
import { z } from 'zod';
import { configDir } from '@mcpscope/engine/storage/paths';
import { PrivateJsonFile } from '@mcpscope/engine/storage/private-json-file';

const FileSchema = z.object({ version: z.literal(1), servers: z.array(SavedServerSchema) });

/**
 * The user's saved servers, in `servers.json` under {@link configDir}. Written with 0600
 * permissions because configs carry tokens and env secrets; replaced atomically.
 */
export class SavedServers {
  private readonly file: PrivateJsonFile<z.infer<typeof FileSchema>>;

  constructor(dir = configDir()) {
    this.file = new PrivateJsonFile(join(dir, 'servers.json'), FileSchema, () => ({
      version: 1 as const,
      servers: [],
    }));
  }

  async list(): Promise<SavedServer[]> {
    return (await this.file.read()).servers;
  }

  save(server: SavedServer): Promise<SavedServer[]> {
    return this.update((servers) => [...servers.filter((s) => s.id !== server.id), server]);
  }

  remove(id: string): Promise<SavedServer[]> {
    return this.update((servers) => servers.filter((s) => s.id !== id));
  }

  /** Read-modify-write, one at a time: two tabs saving at once must both be kept. */
  private update(change: (servers: SavedServer[]) => SavedServer[]): Promise<SavedServer[]> {
    return this.file.update((current) => {
      const servers = change(current.servers);
      return { next: { version: 1 as const, servers }, result: servers };
    });
  }
}
