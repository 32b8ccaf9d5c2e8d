import type { TrafficEntry } from '@mcpscope/protocol';
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { policyFromFlags } from '../../src/common/answers.js';
import { UsageError } from '../../src/common/usage-error.js';
import { capabilitiesFor, type ServerRequestPolicy } from '@mcpscope/engine/session/policy';
import { tempDir } from '../helpers/temp.js';

const tmp = tempDir('answers');
afterAll(() => tmp.remove());

const context = {
  signal: new AbortController().signal,
  entry: { seq: 0, t: 0, dir: 's2c', kind: 'request' } satisfies TrafficEntry,
};

const requestedSchema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    color: { type: 'string', default: 'blue' },
    count: { type: 'integer', default: 3 },
  },
  required: ['name'],
};

function policy(flags: Parameters<typeof policyFromFlags>[0]): {
  policy: ServerRequestPolicy;
  warnings: string[];
} {
  const warnings: string[] = [];
  return { policy: policyFromFlags(flags, (line) => warnings.push(line)), warnings };
}

describe('policyFromFlags', () => {
  it('declares no capability without flags', () => {
    const { policy: p } = policy({});
    expect(p).toEqual({});
    expect(capabilitiesFor(p)).toEqual({});
  });

  it('declares exactly the capabilities whose flags are given', () => {
    const { policy: p } = policy({
      elicitation: 'decline',
      samplingResponse: 'hi',
      root: ['/tmp'],
    });
    expect(capabilitiesFor(p)).toEqual({
      sampling: {},
      elicitation: { form: {}, url: {} },
      roots: { listChanged: true },
    });
  });

  it('accepts an elicitation with the schema defaults plus --elicitation-content, warning about missing required fields', async () => {
    const { policy: withDefaults, warnings } = policy({ elicitation: 'accept' });
    expect(
      await withDefaults.elicitation!.answer({ message: 'm', requestedSchema }, context),
    ).toEqual({
      result: { action: 'accept', content: { color: 'blue', count: 3 } },
    });
    expect(warnings).toEqual([
      'elicitation: required field(s) name have no default; give them with --elicitation-content \'{"name": ...}\'',
    ]);

    const { policy: withContent, warnings: none } = policy({
      elicitation: 'accept',
      elicitationContent: '{"name":"Ada","count":5}',
    });
    expect(
      await withContent.elicitation!.answer({ message: 'm', requestedSchema }, context),
    ).toEqual({
      result: { action: 'accept', content: { name: 'Ada', color: 'blue', count: 5 } },
    });
    expect(none).toEqual([]);
  });

  it('declines or cancels without content', async () => {
    for (const action of ['decline', 'cancel'] as const) {
      const { policy: p } = policy({ elicitation: action });
      expect(await p.elicitation!.answer({ message: 'm', requestedSchema }, context)).toEqual({
        result: { action },
      });
    }
  });

  it('accepts a URL-mode elicitation and tells the user which URL the server wanted opened', async () => {
    const { policy: p, warnings } = policy({ elicitation: 'accept' });
    expect(
      await p.elicitation!.answer(
        { mode: 'url', url: 'https://example.com/auth', message: 'log in', elicitationId: 'e1' },
        context,
      ),
    ).toEqual({
      result: { action: 'accept' },
    });
    expect(warnings.join('\n')).toContain('https://example.com/auth');
  });

  it('rejects bad elicitation flags', () => {
    expect(() => policyFromFlags({ elicitation: 'maybe' }, () => undefined)).toThrow(
      new UsageError('--elicitation must be accept, decline or cancel, got "maybe"'),
    );
    expect(() => policyFromFlags({ elicitationContent: '{}' }, () => undefined)).toThrow(
      new UsageError('--elicitation-content needs --elicitation accept'),
    );
    expect(() =>
      policyFromFlags({ elicitation: 'accept', elicitationContent: 'name=Ada' }, () => undefined),
    ).toThrow(/--elicitation-content is not valid JSON/);
  });

  it('answers sampling with plain text as an assistant message, or with a whole result as JSON or @file', async () => {
    const { policy: text } = policy({ samplingResponse: 'hello' });
    expect(await text.sampling!({ messages: [], maxTokens: 10 }, context)).toEqual({
      result: {
        role: 'assistant',
        content: { type: 'text', text: 'hello' },
        model: 'mcpscope',
        stopReason: 'endTurn',
      },
    });
    const whole = { role: 'assistant', content: { type: 'text', text: 'json' }, model: 'm' };
    const { policy: json } = policy({ samplingResponse: JSON.stringify(whole) });
    expect(await json.sampling!({}, context)).toEqual({ result: whole });
    const path = tmp.path('sampling.json');
    writeFileSync(path, JSON.stringify(whole));
    const { policy: file } = policy({ samplingResponse: `@${path}` });
    expect(await file.sampling!({}, context)).toEqual({ result: whole });
    expect(() =>
      policyFromFlags({ samplingResponse: `@${tmp.path('missing.json')}` }, () => undefined),
    ).toThrow(/^--sampling-response @.*missing\.json: cannot read the file/);
  });

  it('lists --root paths as file:// URIs named by their last segment, and keeps URIs', async () => {
    const { policy: p } = policy({ root: ['/tmp', '/srv/data/', 'https://example.com/repo'] });
    expect(await p.roots!({}, context)).toEqual({
      result: {
        roots: [
          { uri: 'file:///tmp', name: 'tmp' },
          { uri: 'file:///srv/data', name: 'data' },
          { uri: 'https://example.com/repo', name: 'https://example.com/repo' },
        ],
      },
    });
  });
});
