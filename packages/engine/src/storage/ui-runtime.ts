import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { dataDir } from '../recording/library.js';
import { PrivateJsonFile } from './private-json-file.js';

/**
 * How a running `mcpscope ui` is found by `mcpscope tap`: one small file per UI process in
 * `<data dir>/run/`, 0600 in a 0700 directory, holding its port and its tap token, removed
 * when the UI exits. The tap token opens only the UI's `/tap` WebSocket (feeding observed
 * traffic), never `/ws` or the HTTP routes, so a leaked file cannot drive the proxy to start
 * programs. See docs/tap.md.
 */
export const UiRuntimeSchema = z.object({
  pid: z.number().int().positive(),
  port: z.number().int().min(1).max(65535),
  /** The secret the tap presents as `Authorization: Bearer …` on its upgrade to `/tap`. */
  tapToken: z.string().min(16),
  version: z.string(),
  startedAt: z.string(),
});
/** @see UiRuntimeSchema */
export type UiRuntime = z.infer<typeof UiRuntimeSchema>;

/** The directory of runtime files. */
export function runtimeDir(): string {
  return join(dataDir(), 'run');
}

/** The runtime file of the UI with this process id. */
export function runtimeFile(pid: number): string {
  return join(runtimeDir(), `ui-${pid}.json`);
}

/** Writes this UI's runtime file (atomically, 0600 whatever the umask). */
export async function writeUiRuntime(runtime: UiRuntime): Promise<string> {
  const path = runtimeFile(runtime.pid);
  await new PrivateJsonFile<UiRuntime | null>(path, UiRuntimeSchema.nullable(), () => null).update(
    () => ({ next: runtime, result: undefined }),
  );
  return path;
}

/**
 * The runtime of the newest UI still running, if any. Files of UIs that died without
 * removing theirs (a SIGKILL) are skipped: their process no longer exists.
 */
export function findUiRuntime(): UiRuntime | undefined {
  let names: string[];
  try {
    names = readdirSync(runtimeDir());
  } catch {
    return undefined;
  }
  let newest: UiRuntime | undefined;
  for (const name of names) {
    if (!/^ui-\d+\.json$/.test(name)) continue;
    let runtime: UiRuntime;
    try {
      const parsed = UiRuntimeSchema.safeParse(
        JSON.parse(readFileSync(join(runtimeDir(), name), 'utf8')),
      );
      if (!parsed.success) continue;
      runtime = parsed.data;
    } catch {
      continue;
    }
    if (!processAlive(runtime.pid)) continue;
    if (newest === undefined || runtime.startedAt > newest.startedAt) newest = runtime;
  }
  return newest;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, as another user's process; it cannot be ours, but it is alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
