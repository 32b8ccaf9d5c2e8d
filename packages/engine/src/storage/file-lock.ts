import { randomUUID } from 'node:crypto';
import { link, open, readFile, rename, stat, unlink } from 'node:fs/promises';

/** A holder that stopped touching its lock this long ago is gone (a lock is held for ms). */
const STALE_MS = 10_000;
/** How long a writer waits for another process's lock before it gives up. */
const WAIT_MS = 15_000;

/**
 * Runs `work` while holding `${path}.lock`, a lock shared by every mcpscope process on the
 * machine (parallel CI jobs, the UI and a CLI call): created with O_EXCL, so exactly one
 * process holds it. A lock whose holder died (its pid is gone on this host) or that is older
 * than {@link STALE_MS} is taken over: it is renamed away first, an atomic step that only one
 * waiter wins, so two waiters never both take it. Written here rather than a dependency: it
 * is thirty lines, and the usual packages (proper-lockfile) bring graceful-fs and timers we do
 * not need for a lock held across one read-modify-write.
 */
export async function withFileLock<R>(path: string, work: () => Promise<R>): Promise<R> {
  const lock = `${path}.lock`;
  const token = `${process.pid} ${randomUUID()}`;
  const deadline = Date.now() + WAIT_MS;
  for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
    try {
      const handle = await open(lock, 'wx', 0o600);
      await handle.writeFile(token);
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const stale = await staleHolder(lock);
    if (stale !== undefined) {
      // Only one waiter's rename succeeds; the others see ENOENT and try again. A waiter
      // that lost the race to one that already took over may have moved that one's fresh
      // lock: it puts it back (link fails if the name is taken again meanwhile).
      const aside = `${lock}.${randomUUID()}.stale`;
      if (
        await rename(lock, aside).then(
          () => true,
          () => false,
        )
      ) {
        if ((await readFile(aside, 'utf8').catch(() => stale)) !== stale)
          await link(aside, lock).catch(() => undefined);
        await unlink(aside).catch(() => undefined);
      }
      continue;
    }
    if (Date.now() > deadline)
      throw new Error(
        `${lock} has been held by another mcpscope process for more than ${WAIT_MS / 1000} s: if none is running, delete the file`,
      );
    await new Promise((resolve) => setTimeout(resolve, delay + Math.random() * delay));
  }
  try {
    return await work();
  } finally {
    // Ours unless it was taken over as stale (we were stopped that long): leave that one.
    if ((await readFile(lock, 'utf8').catch(() => '')) === token)
      await unlink(lock).catch(() => undefined);
  }
}

/** The content of a lock whose holder is gone, or undefined when it is live or released. */
async function staleHolder(lock: string): Promise<string | undefined> {
  const [text, info] = await Promise.all([
    readFile(lock, 'utf8').catch(() => undefined),
    stat(lock).catch(() => undefined),
  ]);
  if (text === undefined || info === undefined) return undefined; // released meanwhile
  if (Date.now() - info.mtimeMs > STALE_MS) return text;
  const pid = Number(text.split(' ')[0]);
  // An empty file is a holder between its create and its write: not stale.
  if (text === '' || !Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH' ? text : undefined;
  }
}
