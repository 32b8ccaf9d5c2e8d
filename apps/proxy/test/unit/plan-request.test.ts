import { describe, expect, it } from 'vitest';
import { planRequest, toolArguments, type OneShotFlags } from '../../src/cli/oneshot.js';
import { UsageError } from '../../src/common/usage-error.js';

function usageError(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('planRequest', () => {
  it('requires --method unless another flag implies it', () => {
    expect(usageError(() => planRequest({}))).toMatch(
      /^--method is required: one of initialize, ping, tools\/list, /,
    );
    expect(planRequest({ toolName: 'echo' }).method).toBe('tools/call');
    expect(planRequest({ promptName: 'p' }).method).toBe('prompts/get');
    expect(planRequest({ uri: 'demo://x' }).method).toBe('resources/read');
  });

  it('sends no params for initialize and ping', () => {
    expect(planRequest({ method: 'ping' })).toEqual({
      method: 'ping',
      params: undefined,
      listAll: false,
    });
    expect(planRequest({ method: 'initialize' })).toEqual({
      method: 'initialize',
      params: undefined,
      listAll: false,
    });
  });

  it('lists every page unless a cursor is given', () => {
    expect(planRequest({ method: 'tools/list' })).toEqual({
      method: 'tools/list',
      params: {},
      listAll: true,
    });
    expect(planRequest({ method: 'prompts/list', params: '{"cursor":"c2"}' })).toEqual({
      method: 'prompts/list',
      params: { cursor: 'c2' },
      listAll: false,
    });
  });

  it('names the missing flag for each method', () => {
    expect(usageError(() => planRequest({ method: 'tools/call' }))).toBe(
      'tools/call needs --tool-name NAME',
    );
    expect(usageError(() => planRequest({ method: 'resources/read' }))).toBe(
      'resources/read needs --uri URI',
    );
    expect(usageError(() => planRequest({ method: 'prompts/get' }))).toBe(
      'prompts/get needs --prompt-name NAME',
    );
    expect(usageError(() => planRequest({ method: 'logging/setLevel' }))).toMatch(
      /^logging\/setLevel needs --log-level LEVEL/,
    );
    expect(usageError(() => planRequest({ method: 'completion/complete', promptName: 'p' }))).toBe(
      'completion/complete needs --completion-arg NAME=VALUE',
    );
    expect(
      usageError(() => planRequest({ method: 'completion/complete', completionArg: 'a=b' })),
    ).toMatch(/needs --prompt-name NAME or --uri TEMPLATE/);
  });

  it('builds prompts/get arguments, keeping "=" inside values', () => {
    expect(
      planRequest({
        method: 'prompts/get',
        promptName: 'args-prompt',
        promptArgs: ['city=Paris', 'note=a=b'],
      }),
    ).toEqual({
      method: 'prompts/get',
      params: { name: 'args-prompt', arguments: { city: 'Paris', note: 'a=b' } },
      listAll: false,
    });
    expect(
      usageError(() =>
        planRequest({ method: 'prompts/get', promptName: 'p', promptArgs: ['city'] }),
      ),
    ).toBe('--prompt-args expects key=value, got "city"');
  });

  it('builds completion/complete for a prompt or a resource template, with context', () => {
    expect(
      planRequest({
        method: 'completion/complete',
        promptName: 'completable-prompt',
        completionArg: 'name=A',
        completionContext: ['department=Engineering'],
      }).params,
    ).toEqual({
      ref: { type: 'ref/prompt', name: 'completable-prompt' },
      argument: { name: 'name', value: 'A' },
      context: { arguments: { department: 'Engineering' } },
    });
    expect(
      planRequest({ method: 'completion/complete', uri: 'demo://{id}', completionArg: 'id=1' })
        .params,
    ).toEqual({
      ref: { type: 'ref/resource', uri: 'demo://{id}' },
      argument: { name: 'id', value: '1' },
    });
  });

  it('checks --log-level', () => {
    expect(planRequest({ method: 'logging/setLevel', logLevel: 'debug' }).params).toEqual({
      level: 'debug',
    });
    expect(usageError(() => planRequest({ method: 'logging/setLevel', logLevel: 'loud' }))).toMatch(
      /^--log-level must be one of debug, info, .* got "loud"$/,
    );
  });

  it('passes any other method through with --params', () => {
    expect(planRequest({ method: 'custom/thing', params: '{"a":1}' })).toEqual({
      method: 'custom/thing',
      params: { a: 1 },
      listAll: false,
    });
    expect(planRequest({ method: 'custom/thing' }).params).toBeUndefined();
  });

  it('merges --params under the flags, and rejects --params that is not a JSON object', () => {
    expect(
      planRequest({
        method: 'tools/call',
        toolName: 'echo',
        params: '{"_meta":{"k":1},"name":"other"}',
      }).params,
    ).toEqual({
      _meta: { k: 1 },
      name: 'echo',
    });
    expect(usageError(() => planRequest({ method: 'ping', params: '{nope' }))).toMatch(
      /^--params is not valid JSON/,
    );
    expect(usageError(() => planRequest({ method: 'custom', params: '[1]' }))).toMatch(
      /^--params must be a JSON object/,
    );
  });
});

describe('toolArguments', () => {
  const flags = (toolArg: string[], extra: Partial<OneShotFlags> = {}): OneShotFlags => ({
    toolArg,
    ...extra,
  });

  it('parses values as JSON when they are JSON, else keeps the text', () => {
    expect(
      toolArguments(
        flags([
          'n=3',
          'f=1.5',
          'yes=true',
          'none=null',
          'obj={"a":[1,2]}',
          'list=[1,"x"]',
          'word=hello',
          'quoted="5"',
          'empty=',
        ]),
        undefined,
      ),
    ).toEqual({
      n: 3,
      f: 1.5,
      yes: true,
      none: null,
      obj: { a: [1, 2] },
      list: [1, 'x'],
      word: 'hello',
      quoted: '5',
      empty: '',
    });
  });

  it('keeps a value as text where the inputSchema says the property is a string', () => {
    const schema = {
      type: 'object',
      properties: {
        zip: { type: 'string' },
        code: { type: ['string'] },
        count: { type: 'number' },
      },
    };
    expect(toolArguments(flags(['zip=02134', 'code=123', 'count=7', 'other=8']), schema)).toEqual({
      zip: '02134',
      code: '123',
      count: 7,
      other: 8,
    });
    expect(toolArguments(flags(['zip=true']), schema)).toEqual({ zip: 'true' });
  });

  it('keeps a numeric-looking value as text for a nullable string property', () => {
    const schema = {
      type: 'object',
      properties: {
        a: { type: ['string', 'null'] },
        b: { anyOf: [{ type: 'string' }, { type: 'null' }] },
      },
    };
    expect(toolArguments(flags(['a=12345', 'b=67890']), schema)).toEqual({
      a: '12345',
      b: '67890',
    });
  });

  it('starts from --tool-args-json, which --tool-arg overrides', () => {
    expect(toolArguments(flags(['b=2'], { toolArgsJson: '{"a":1,"b":1}' }), undefined)).toEqual({
      a: 1,
      b: 2,
    });
    expect(usageError(() => toolArguments({ toolArgsJson: '"x"' }, undefined))).toMatch(
      /^--tool-args-json must be a JSON object/,
    );
  });

  it('rejects a --tool-arg without "="', () => {
    expect(usageError(() => toolArguments(flags(['message']), undefined))).toBe(
      '--tool-arg expects key=value, got "message"',
    );
    expect(usageError(() => toolArguments(flags(['=x']), undefined))).toBe(
      '--tool-arg expects key=value, got "=x"',
    );
  });
});
