import { describe, expect, it } from 'vitest';
import { describeRun, runCli, stdoutJson, toolText } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';
import { ExitCode } from '../../src/common/exit-codes.js';

/**
 * Tasks as the 2026-07-28 extension io.modelcontextprotocol/tasks, through the one-shot CLI
 * against our v2-SDK fixture (modern/ext-tasks.mjs): the server makes a task of the call, the
 * session follows it with tasks/get (and tasks/update for input), as a plain call to the user.
 */
const EXT = fixture('modern/ext-tasks.mjs');
const call = (tool: string, ...extra: string[]): string[] => [
  '--method',
  'tools/call',
  '--tool-name',
  tool,
  ...extra,
  ...EXT,
];
const statusLines = (stderr: string): string[] =>
  stderr.split('\n').filter((l) => /^mcpscope: task [\w-]+: /.test(l));

describe('an extension task', () => {
  it('waits: statuses on stderr, the task result on stdout, exit 0; every tasks/get in --verbose', async () => {
    const run = await runCli(call('slow-report', '--tool-arg', 'topic=tides', '--verbose'));
    expect(run.code, describeRun(run)).toBe(0);
    expect(toolText(run)).toBe('Report on tides: 3 stages done.');
    const statuses = statusLines(run.stderr);
    expect(statuses[0]).toMatch(/: working$/);
    expect(statuses.some((l) => l.endsWith('working — Reading'))).toBe(true);
    expect(statuses.at(-1)).toMatch(/: completed$/);
    // The extension is declared on every request; the call carries no task augmentation.
    expect(run.stderr).toMatch(
      /tools\/call #\d+ .*"extensions":\{"io\.modelcontextprotocol\/tasks":\{\}\}/,
    );
    expect(run.stderr).not.toMatch(/"task":\{"ttl"/);
    expect(run.stderr).toMatch(/→ request\s+tasks\/get/);
    expect(run.stderr).not.toMatch(/tasks\/result/);
  });

  it('input the task asks for is answered by --elicitation and sent with tasks/update', async () => {
    const run = await runCli(
      call(
        'confirm-order',
        '--tool-arg',
        'item=tea',
        '--elicitation',
        'accept',
        '--elicitation-content',
        '{"quantity": 3}',
        '--verbose',
      ),
    );
    expect(run.code, describeRun(run)).toBe(0);
    expect(toolText(run)).toBe('ordered 3 × tea');
    expect(
      statusLines(run.stderr).some((l) => /: input_required — confirm the order/.test(l)),
    ).toBe(true);
    expect(run.stderr).toMatch(
      /→ request\s+tasks\/update .*"inputResponses":\{"confirm":\{"action":"accept","content":\{"quantity":3\}\}\}/,
    );
  });

  it('a declined input fails the task: its error, exit code of a JSON-RPC error', async () => {
    const run = await runCli(
      call('confirm-order', '--tool-arg', 'item=tea', '--elicitation', 'decline'),
    );
    expect(run.code, describeRun(run)).toBe(ExitCode.RPC_ERROR);
    expect(run.stderr).toContain('the order of tea was decline');
  });

  it('a failed task exits as a JSON-RPC error with the task error', async () => {
    const run = await runCli(call('doomed'));
    expect(run.code, describeRun(run)).toBe(ExitCode.RPC_ERROR);
    expect(run.stderr).toMatch(
      /task [\w-]+ failed with JSON-RPC error -32603: doomed: the task failed on purpose/,
    );
    expect(statusLines(run.stderr).at(-1)).toMatch(/: failed$/);
  });

  it('--no-wait prints the task handle and exits 0', async () => {
    const run = await runCli(call('slow-report', '--tool-arg', 'topic=x', '--no-wait'));
    expect(run.code, describeRun(run)).toBe(0);
    const created = stdoutJson<{ resultType: string; taskId: string; status: string }>(run);
    expect(created.resultType).toBe('task');
    expect(created.taskId).toMatch(/^[\w-]{8,}$/);
    expect(created.status).toBe('working');
  });

  it('a tool the server never makes a task of answers as usual', async () => {
    const run = await runCli(call('quick'));
    expect(run.code, describeRun(run)).toBe(0);
    expect(toolText(run)).toBe('quick answer');
    expect(statusLines(run.stderr)).toEqual([]);
  });

  it('--method tasks/get of an unknown task is the server error, exit as JSON-RPC error', async () => {
    const run = await runCli(['--method', 'tasks/get', '--task-id', 'nope', ...EXT]);
    expect(run.code, describeRun(run)).toBe(ExitCode.RPC_ERROR);
    expect(run.stderr).toContain('unknown task nope');
  });
});
