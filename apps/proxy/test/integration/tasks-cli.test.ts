import { afterAll, describe, expect, it } from 'vitest';
import { describeRun, runCli, stdoutJson, toolText } from '../helpers/cli.js';
import { EVERYTHING_STDIO } from '../helpers/paths.js';
import { loadRecording } from '../helpers/recording.js';
import { tempDir } from '../helpers/temp.js';

/**
 * Tasks in the 2025-11-25 form, through the one-shot CLI against server-everything, whose
 * simulate-research-query requires task augmentation (a plain call is refused).
 */
const tmp = tempDir('tasks-cli');
afterAll(() => tmp.remove());

const research = (...extra: string[]): string[] => [
  '--method',
  'tools/call',
  '--tool-name',
  'simulate-research-query',
  '--tool-arg',
  'topic=tides',
  ...extra,
  ...EVERYTHING_STDIO,
];

describe('a tool that requires a task', () => {
  it('just works: created, polled with tasks/get, the result from tasks/result; status on stderr', async () => {
    const path = tmp.path('research.jsonl');
    const run = await runCli(research('--record', path));
    expect(run.code, describeRun(run)).toBe(0);
    expect(toolText(run)).toContain('# Research Report: tides');
    const statuses = run.stderr.split('\n').filter((l) => /^mcpscope: task \w+: /.test(l));
    expect(statuses[0]).toMatch(/: working — Gathering sources/);
    expect(statuses.at(-1)).toMatch(/: completed/);
    const methods = loadRecording(path)
      .entries.filter((e) => e.dir === 'c2s' && e.kind === 'request')
      .map((e) => (e.msg as { method: string }).method);
    const call = loadRecording(path).entries.find(
      (e) => e.dir === 'c2s' && (e.msg as { method?: string }).method === 'tools/call',
    );
    expect((call?.msg as { params: { task?: unknown } }).params.task).toEqual({ ttl: 300000 });
    expect(methods).toContain('tasks/get');
    expect(methods.at(-1)).toBe('tasks/result');
  });

  it('input the task asks for goes through the same answers as a server request (elicitation)', async () => {
    const run = await runCli(
      research(
        '--tool-arg',
        'ambiguous=true',
        '--elicitation',
        'accept',
        '--elicitation-content',
        '{"interpretation": "ocean tides"}',
      ),
    );
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stderr).toMatch(/: input_required — /);
    expect(toolText(run)).toContain('ocean tides');
  });

  it('--no-wait prints the created task and exits 0', async () => {
    const run = await runCli(research('--no-wait'));
    expect(run.code, describeRun(run)).toBe(0);
    const created = stdoutJson<{ task: { taskId: string; status: string } }>(run);
    expect(created.task.taskId).toMatch(/\w+/);
    expect(created.task.status).toBe('working');
  });
});

describe('task flags', () => {
  it('--task on a tool that forbids tasks exits 2 and says why', async () => {
    const run = await runCli([
      '--method',
      'tools/call',
      '--tool-name',
      'echo',
      '--tool-arg',
      'message=hi',
      '--task',
      ...EVERYTHING_STDIO,
    ]);
    expect(run.code, describeRun(run)).toBe(2);
    expect(run.stderr).toContain('does not support tasks');
  });

  it('--method tasks/list works; tasks/get needs --task-id', async () => {
    const listed = await runCli(['--method', 'tasks/list', ...EVERYTHING_STDIO]);
    expect(listed.code, describeRun(listed)).toBe(0);
    expect(stdoutJson<{ tasks: unknown[] }>(listed).tasks).toEqual([]);
    const missing = await runCli(['--method', 'tasks/get', ...EVERYTHING_STDIO]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--task-id');
  });
});
