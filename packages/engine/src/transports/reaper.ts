import { spawn } from 'node:child_process';

/**
 * Ends a server's process group when the proxy dies without closing it (SIGKILL, the OOM
 * killer, a crash in native code). `process.on('exit')` does not run then, and a server that
 * ignores end-of-input, or a wrapper (`npx`, a shell) whose child does, lives on as an orphan
 * in its own process group.
 *
 * The reaper is a POSIX shell blocked reading its stdin, a pipe whose other end only this
 * process holds (Node opens it close-on-exec, so no server inherits it): the kernel closes it
 * however the proxy dies, `read` returns, and the shell TERMs the group, then KILLs it a
 * second later. A shell rather than a Node script: it starts in about a millisecond and a
 * megabyte, where a second Node would cost ~40 ms and ~40 MB per server (see
 * bench/reaper-cost.mjs). It ignores the terminal's Ctrl-C, which reaches the whole
 * foreground group: only the proxy decides when a server stops.
 */
const SCRIPT = [
  "trap '' INT TERM HUP",
  'read -r _',
  'kill -TERM -"$1" 2>/dev/null || exit 0',
  'sleep 1',
  'kill -KILL -"$1" 2>/dev/null',
  'exit 0',
].join('\n');

/** A running reaper; `release` stops it without signalling the group. */
export interface Reaper {
  readonly pid: number | undefined;
  release: () => void;
}

/** Starts a reaper for the process group `pgid` (the pid of a child spawned `detached`). */
export function reapOnExit(pgid: number): Reaper {
  const reaper = spawn('/bin/sh', ['-c', SCRIPT, 'mcpscope-reaper', String(pgid)], {
    stdio: ['pipe', 'ignore', 'ignore'],
    detached: true,
  });
  // Without /bin/sh there is no reaper; the server is still stopped on every other path.
  reaper.on('error', () => undefined);
  reaper.stdin.on('error', () => undefined);
  // Neither the process nor its pipe may keep the proxy's event loop alive.
  reaper.unref();
  (reaper.stdin as unknown as { unref?: () => void }).unref?.();
  return {
    pid: reaper.pid,
    release: () => {
      // SIGKILL, which its trap cannot catch: closing the pipe would make it signal a
      // group whose id may already belong to someone else.
      if (reaper.exitCode === null && reaper.signalCode === null) reaper.kill('SIGKILL');
    },
  };
}
