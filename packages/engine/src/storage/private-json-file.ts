import { randomUUID } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { z } from 'zod';
import { withFileLock } from './file-lock.js';

/**
 * A JSON file under the config directory that holds secrets (server configs with tokens,
 * OAuth credentials): written 0600 in a 0700 directory whatever the umask, replaced
 * atomically, and changed by one read-modify-write at a time so that two writers never lose
 * each other's update: one at a time in this process (two tabs), and under a lock file
 * across processes (several CLI runs at once, the CLI and the UI), each re-reading the file
 * inside the lock. A missing or invalid file reads as `empty`.
 */
export class PrivateJsonFile<T> {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly schema: z.ZodType<T>,
    private readonly empty: () => T,
  ) {}

  async read(): Promise<T> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch {
      return this.empty();
    }
    try {
      const parsed = this.schema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : this.empty();
    } catch {
      return this.empty();
    }
  }

  /** Applies `change` to the current content and writes the result; resolves with `change`'s answer. */
  update<R>(
    change: (current: T) => { next: T; result: R } | Promise<{ next: T; result: R }>,
  ): Promise<R> {
    const run = this.queue.then(async () => {
      // The lock file lives beside the file: the directory comes first.
      await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
      return withFileLock(this.path, async () => {
        const { next, result } = await change(await this.read());
        await this.write(next);
        return result;
      });
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async write(value: T): Promise<void> {
    const tmp = `${this.path}.${process.pid}.${randomUUID()}.tmp`;
    await writeFile(tmp, JSON.stringify(value, null, 2) + '\n', { mode: 0o600 });
    await chmod(tmp, 0o600);
    await rename(tmp, this.path);
  }
}
