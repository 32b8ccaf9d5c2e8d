import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/client';
import { afterAll, describe, expect, it } from 'vitest';
import { describeRun, runCli, stdoutJson, toolText } from './cli.js';
import { messagesOf, loadRecording } from './recording.js';
import { tempDir } from './temp.js';

/**
 * The same checks against the real server-everything over each transport. `target` gives the
 * argv words that name the server (a command line, or a URL plus transport flags); it is
 * called per test, after the suite's beforeAll started whatever it needs.
 */
export function everythingSuite(name: string, target: () => string[]): void {
  describe(`server-everything over ${name}`, () => {
    const tmp = tempDir(`everything-${name.replace(/\W+/g, '-')}`);
    afterAll(() => tmp.remove());
    const cli = (...argv: string[]) => runCli([...argv, ...target()]);

    it('initialize prints the handshake: offered and agreed version, server info, capabilities', async () => {
      const run = await cli('--cli', '--method', 'initialize');
      expect(run.code, describeRun(run)).toBe(0);
      const handshake = stdoutJson<{
        era: string;
        offered: {
          protocolVersion: string;
          capabilities: Record<string, unknown>;
          clientInfo: { name: string };
        };
        agreed: {
          protocolVersion: string;
          serverInfo: { name: string };
          capabilities: Record<string, unknown>;
        };
      }>(run);
      expect(handshake.era).toBe('legacy');
      expect(handshake.offered.protocolVersion).toBe(LATEST_PROTOCOL_VERSION);
      expect(handshake.offered.clientInfo.name).toBe('mcpscope');
      // No answering flag given: no client capability declared.
      expect(handshake.offered.capabilities).toEqual({});
      expect(handshake.agreed.serverInfo.name).toBe('mcp-servers/everything');
      expect(handshake.agreed.protocolVersion).toBe(LATEST_PROTOCOL_VERSION);
      expect(Object.keys(handshake.agreed.capabilities)).toEqual(
        expect.arrayContaining(['tools', 'prompts', 'resources', 'logging']),
      );
    });

    it('tools/list lists the tools, without the ones that need an undeclared client capability', async () => {
      const run = await cli('--method', 'tools/list');
      expect(run.code, describeRun(run)).toBe(0);
      const names = stdoutJson<{ tools: { name: string }[] }>(run).tools.map((t) => t.name);
      expect(names).toEqual(
        expect.arrayContaining(['echo', 'get-sum', 'get-env', 'trigger-long-running-operation']),
      );
      expect(names).not.toContain('trigger-sampling-request');
      expect(names).not.toContain('trigger-elicitation-request');
      expect(names).not.toContain('get-roots-list');
      expect(stdoutJson(run)).not.toHaveProperty('nextCursor');
    });

    it('tools/call echo returns the message', async () => {
      const run = await cli(
        '--method',
        'tools/call',
        '--tool-name',
        'echo',
        '--tool-arg',
        'message=hello from mcpscope',
      );
      expect(run.code, describeRun(run)).toBe(0);
      expect(stdoutJson(run)).toEqual({
        content: [{ type: 'text', text: 'Echo: hello from mcpscope' }],
      });
      expect(run.stderr).toBe('');
    });

    it('tools/call get-sum types --tool-arg values from the inputSchema', async () => {
      const run = await cli(
        '--method',
        'tools/call',
        '--tool-name',
        'get-sum',
        '--tool-arg',
        'a=2',
        '--tool-arg',
        'b=40',
      );
      expect(run.code, describeRun(run)).toBe(0);
      expect(toolText(run)).toContain('42');
    });

    it('resources/read reads a resource that resources/list lists', async () => {
      const list = await cli('--method', 'resources/list');
      expect(list.code, describeRun(list)).toBe(0);
      const resources = stdoutJson<{ resources: { uri: string; name: string }[] }>(list).resources;
      expect(resources.length).toBeGreaterThan(0);
      const uri = resources[0]!.uri;
      const read = await cli('--method', 'resources/read', '--uri', uri);
      expect(read.code, describeRun(read)).toBe(0);
      const contents = stdoutJson<{ contents: { uri: string; text?: string; blob?: string }[] }>(
        read,
      ).contents;
      expect(contents).toHaveLength(1);
      expect(contents[0]!.uri).toBe(uri);
      expect((contents[0]!.text ?? contents[0]!.blob ?? '').length).toBeGreaterThan(0);
    });

    it('prompts/get args-prompt with the arguments prompts/list declares', async () => {
      const list = await cli('--method', 'prompts/list');
      expect(list.code, describeRun(list)).toBe(0);
      const prompts = stdoutJson<{
        prompts: { name: string; arguments?: { name: string; required?: boolean }[] }[];
      }>(list).prompts;
      const argsPrompt = prompts.find((p) => p.name === 'args-prompt');
      expect(argsPrompt?.arguments?.map((a) => a.name)).toEqual(['city', 'state']);
      expect(prompts.map((p) => p.name)).toContain('completable-prompt');

      const run = await cli(
        '--method',
        'prompts/get',
        '--prompt-name',
        'args-prompt',
        '--prompt-args',
        'city=Paris',
        '--prompt-args',
        'state=Île-de-France',
      );
      expect(run.code, describeRun(run)).toBe(0);
      const messages = stdoutJson<{
        messages: { role: string; content: { type: string; text: string } }[];
      }>(run).messages;
      expect(messages.length).toBeGreaterThan(0);
      const text = messages.map((m) => m.content.text).join('\n');
      expect(text).toContain('Paris');
      expect(text).toContain('Île-de-France');
    });

    it('completion/complete completes an argument of completable-prompt', async () => {
      const run = await cli(
        '--method',
        'completion/complete',
        '--prompt-name',
        'completable-prompt',
        '--completion-arg',
        'department=Eng',
      );
      expect(run.code, describeRun(run)).toBe(0);
      expect(stdoutJson<{ completion: { values: string[] } }>(run).completion.values).toEqual([
        'Engineering',
      ]);
    });

    it('logging/setLevel and ping return an empty result', async () => {
      const level = await cli('--method', 'logging/setLevel', '--log-level', 'debug');
      expect(level.code, describeRun(level)).toBe(0);
      expect(stdoutJson(level)).toEqual({});
      const ping = await cli('--method', 'ping');
      expect(ping.code, describeRun(ping)).toBe(0);
      expect(stdoutJson(ping)).toEqual({});
    });

    it('trigger-elicitation-request completes with --elicitation accept and --elicitation-content', async () => {
      const run = await cli(
        '--method',
        'tools/call',
        '--tool-name',
        'trigger-elicitation-request',
        '--elicitation',
        'accept',
        '--elicitation-content',
        '{"name":"Ada Lovelace","check":true}',
      );
      expect(run.code, describeRun(run)).toBe(0);
      const text = toolText(run);
      expect(text).toContain('User provided the requested information');
      expect(text).toContain('- Name: Ada Lovelace');
      expect(text).toContain('- Agreed to terms: true');
      // The schema's defaults were sent for the fields not given.
      expect(text).toContain('- Favorite Integer: 42');
      expect(run.stderr).toBe('');
    });

    it('trigger-elicitation-request with --elicitation decline tells the server', async () => {
      const run = await cli(
        '--method',
        'tools/call',
        '--tool-name',
        'trigger-elicitation-request',
        '--elicitation',
        'decline',
      );
      expect(run.code, describeRun(run)).toBe(0);
      expect(toolText(run)).toContain('declined');
    });

    it('trigger-sampling-request gets the --sampling-response text', async () => {
      const run = await cli(
        '--method',
        'tools/call',
        '--tool-name',
        'trigger-sampling-request',
        '--tool-arg',
        'prompt=say hello',
        '--sampling-response',
        'hello',
      );
      expect(run.code, describeRun(run)).toBe(0);
      const text = toolText(run);
      expect(text).toContain('LLM sampling result');
      expect(text).toMatch(/"text": "hello"/);
      expect(text).toMatch(/"model": "mcpscope"/);
    });

    it('get-roots-list sees the --root given', async () => {
      const run = await cli(
        '--method',
        'tools/call',
        '--tool-name',
        'get-roots-list',
        '--root',
        '/tmp',
      );
      expect(run.code, describeRun(run)).toBe(0);
      const text = toolText(run);
      expect(text).toContain('Current MCP Roots (1 total)');
      expect(text).toContain('URI: file:///tmp');
    });

    it('a long-running tool outlives --timeout because each progress notification resets it', async () => {
      const recording = tmp.path('long-running.jsonl');
      // 6 steps of 0.5 s = 3 s in all, against a 2.5 s timeout: only progress keeps it alive.
      // The timeout also covers the handshake, hence no less than 2.5 s on a loaded machine.
      const run = await cli(
        '--method',
        'tools/call',
        '--tool-name',
        'trigger-long-running-operation',
        '--tool-arg',
        'duration=3',
        '--tool-arg',
        'steps=6',
        '--timeout',
        '2500',
        '--record',
        recording,
      );
      expect(run.code, describeRun(run)).toBe(0);
      expect(toolText(run)).toBe(
        'Long running operation completed. Duration: 3 seconds, Steps: 6.',
      );
      const { entries } = loadRecording(recording);
      const call = messagesOf(entries, 'c2s', 'tools/call')[0]!;
      const token = (call.msg as { params: { _meta: { progressToken: unknown } } }).params._meta
        .progressToken;
      const progress = messagesOf(entries, 's2c', 'notifications/progress').map(
        (e) => (e.msg as { params: Record<string, unknown> }).params,
      );
      expect(progress).toEqual(
        [1, 2, 3, 4, 5, 6].map((i) => ({ progress: i, total: 6, progressToken: token })),
      );
      const response = entries.find((e) => e.kind === 'response' && e.pairSeq === call.seq);
      // The call took longer than the timeout, which is the point of the test.
      expect(response?.durationMs).toBeGreaterThan(2500);
    });

    it('an unknown tool exits 1 (the server answers isError) and names the tools it has', async () => {
      const run = await cli('--method', 'tools/call', '--tool-name', 'no-such-tool');
      expect(run.code, describeRun(run)).toBe(1);
      const result = stdoutJson<{ isError: boolean; content: { text: string }[] }>(run);
      expect(result.isError).toBe(true);
      expect(result.content[0]!.text).toContain('no-such-tool');
      expect(run.stderr).toContain('mcpscope: tool "no-such-tool" returned isError: true');
      expect(run.stderr).toMatch(
        /the server lists no tool "no-such-tool"; it has: echo, .*get-sum/,
      );
    });
  });
}
