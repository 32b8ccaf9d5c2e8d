import { main } from '../../src/cli/main.js';

/** What one in-process `mcpscope` run printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, as `mcpscope ARGV…`, capturing its output. */
export async function runCli(argv: readonly string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** Parses the JSON a run printed, with the run's stderr in the error when it is not JSON. */
export function stdoutJson<T = Record<string, unknown>>(run: CliRun): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(
      `stdout is not JSON (exit ${run.code}).\nstdout: ${run.stdout.slice(0, 2000)}\nstderr: ${run.stderr.slice(0, 4000)}`,
    );
  }
}

/** The text of the content blocks of a tools/call result. */
export function toolText(run: CliRun): string {
  const result = stdoutJson<{ content?: { type: string; text?: string }[] }>(run);
  return (result.content ?? []).map((c) => c.text ?? '').join('\n');
}

/** A compact description of a run for assertion messages. */
export function describeRun(run: CliRun): string {
  return `exit ${run.code}\n--- stdout\n${run.stdout.slice(0, 1500)}\n--- stderr\n${run.stderr.slice(0, 3000)}`;
}
