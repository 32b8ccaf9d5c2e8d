import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';
import type { RunReport } from '../../src/testing/report.js';
import {
  containing,
  matching,
  EVERYTHING_SERVER,
  failuresOf,
  fixtureServer,
  onlyFailure,
  runJson,
  testNamed,
  writeSpec,
} from './spec-helpers.js';

/**
 * One spec against the real server-everything in which each test breaks one expectation on
 * purpose: the report must name that expectation, where it is written, what was expected
 * and what the server sent. (examples/everything.yaml has every one of them passing.)
 */
const SPEC = `
servers:
  everything: ${EVERYTHING_SERVER}
  broken: ${fixtureServer('output-schema.mjs')}
timeout: 10s
tests:
  - { name: success, server: everything, steps: [{ call: get-sum, arguments: { a: one, b: two } }] }
  - { name: ok, server: everything, steps: [{ request: ping, expect: { ok: false } }] }
  - { name: isError, server: everything, steps: [{ call: echo, arguments: { message: hi }, expect: { isError: true } }] }
  - { name: error, server: everything, steps: [{ request: ping, expect: { error: { code: -32601 } } }] }
  - name: error code and message
    server: everything
    steps:
      - request: tools/destroy
        expect: { error: { code: -32602, message: { contains: nope } } }
  - name: text
    server: everything
    steps:
      - call: echo
        arguments: { message: hi }
        expect:
          text: { equals: 'Echo: bye', contains: bye, notContains: hi, matches: ^bye }
  - name: result paths
    server: everything
    steps:
      - call: echo
        arguments: { message: hi }
        expect:
          result:
            - { path: '$.content[0].text', equals: 'Echo: bye' }
            - { path: $.isError, exists: true }
            - { path: '$.content[*]', count: 2 }
            - { path: '$.content[0].type', matches: ^image$ }
            - { path: '$.content[0].text', contains: bye }
            - { path: '$.content[0]', schema: { required: [data] } }
  - name: structuredContent
    server: everything
    steps:
      - call: get-structured-content
        arguments: { location: New York }
        expect:
          structuredContent: [{ path: $.humidity, equals: 10 }]
  - name: no structuredContent
    server: everything
    steps:
      - call: echo
        arguments: { message: hi }
        expect: { structuredContent: [{ path: $.x, exists: true }] }
  - name: schema
    server: everything
    steps:
      - call: echo
        arguments: { message: hi }
        expect: { schema: { type: object, required: [structuredContent] } }
  - name: outputSchema declared by none
    server: everything
    steps: [{ call: echo, arguments: { message: hi }, expect: { outputSchema: true } }]
  - name: outputSchema broken
    server: broken
    steps: [{ call: count-things, expect: { outputSchema: true } }]
  - name: maxLatency
    server: everything
    steps:
      - call: trigger-long-running-operation
        arguments: { duration: 1, steps: 2 }
        expect: { maxLatency: 100ms }
  - name: includes and excludes
    server: everything
    steps: [{ list: tools, expect: { includes: [echo, search], excludes: [get-sum] } }]
  - name: completion values
    server: everything
    steps:
      - complete: { prompt: completable-prompt, argument: department, value: Eng }
        expect: { includes: [Sales] }
  - name: progress
    server: everything
    steps:
      - call: trigger-long-running-operation
        arguments: { duration: 0.2, steps: 2 }
        expect:
          progress: 3
          notifications: [{ method: notifications/progress, params: [{ path: $.total, equals: 99 }] }]
  - name: log and listChanged
    server: everything
    steps:
      - call: echo
        arguments: { message: hi }
        notificationTimeout: 200ms
        expect: { log: { level: error }, listChanged: [tools] }
  - name: notification count
    server: everything
    steps:
      - call: gzip-file-as-resource
        arguments: { name: n.gz, data: 'data:text/plain;base64,aGk=' }
        expect: { notifications: [{ method: notifications/resources/list_changed, count: 0 }] }
  - name: serverRequests
    server: everything
    client:
      sampling: { text: sampled }
    steps:
      - call: trigger-sampling-request
        arguments: { prompt: hi }
        notificationTimeout: 200ms
        expect: { serverRequests: [{ method: elicitation/create }], text: { contains: sampled } }
  - name: no answer in scope
    server: everything
    steps:
      - call: trigger-sampling-request
        arguments: { prompt: hi }
  - name: timeout
    server: everything
    steps:
      - call: trigger-long-running-operation
        arguments: { duration: 2, steps: 1 }
        timeout: 300ms
  - name: strict
    server: broken
    steps: [{ call: count-things }]
`;

describe('each expectation, failing, names itself with expected and actual', () => {
  const tmp = tempDir('expectations');
  let report: RunReport;
  let code: number;
  beforeAll(async () => {
    const { run, report: r } = await runJson(writeSpec(tmp.path('expectations.yaml'), SPEC));
    report = r;
    code = run.code;
    expect(run.stderr, describeRun(run)).toBe('');
  }, 60_000);
  afterAll(() => tmp.remove());

  it('exits 1 with every test but one failed', () => {
    expect(code).toBe(1);
    const passed = report.files[0]!.tests.filter((t) => t.status === 'passed').map((t) => t.name);
    expect(passed).toEqual(['strict']);
  });

  it('success, ok, isError, error', () => {
    expect(onlyFailure(report, 'success')).toMatchObject({
      expectation: 'success',
      message: matching(
        /^expected success, the tool returned isError: true: .*Input validation error/,
      ),
      expected: 'success',
      actual: { isError: true },
    });
    expect(onlyFailure(report, 'ok')).toMatchObject({
      expectation: 'expect.ok',
      actual: 'a result',
    });
    expect(onlyFailure(report, 'isError')).toMatchObject({
      expectation: 'expect.isError',
      expected: { isError: true },
      actual: 'a result',
    });
    expect(onlyFailure(report, 'error')).toMatchObject({
      expectation: 'expect.error',
      expected: { code: -32601 },
      actual: 'a result',
    });
    const errorFailures = failuresOf(testNamed(report, 'error code and message'));
    expect(errorFailures).toMatchObject([
      { expectation: 'expect.error.code', expected: -32602, actual: { code: -32601 } },
      { expectation: 'expect.error.message.contains', expected: 'nope' },
    ]);
  });

  it('text, with the text received', () => {
    const failures = failuresOf(testNamed(report, 'text'));
    expect(failures.map((f) => f.expectation)).toEqual([
      'expect.text.equals',
      'expect.text.contains',
      'expect.text.notContains',
      'expect.text.matches',
    ]);
    for (const f of failures) expect(f.actual).toBe('Echo: hi');
    // file:line:column of the expectation itself.
    expect(failures[0]!.location).toMatchObject({
      file: matching(/expectations\.yaml$/),
      line: 22,
      column: 27,
    });
  });

  it('JSONPath on the result and on structuredContent; JSON Schema; outputSchema', () => {
    expect(
      failuresOf(testNamed(report, 'result paths')).map((f) => [f.expectation, f.actual]),
    ).toEqual([
      ['expect.result[0].equals', 'Echo: hi'],
      ['expect.result[1].exists', '(nothing)'],
      ['expect.result[2].count', 1],
      ['expect.result[3].matches', 'text'],
      ['expect.result[4].contains', 'Echo: hi'],
      ['expect.result[5].schema', { type: 'text', text: 'Echo: hi' }],
    ]);
    expect(onlyFailure(report, 'structuredContent')).toMatchObject({
      expectation: 'expect.structuredContent[0].equals',
      message: '$.humidity is 82, expected 10',
      expected: 10,
      actual: 82,
    });
    expect(onlyFailure(report, 'no structuredContent')).toMatchObject({
      expectation: 'expect.structuredContent',
      message: 'the result has no structuredContent',
    });
    expect(onlyFailure(report, 'schema')).toMatchObject({
      expectation: 'expect.schema',
      message: containing('structuredContent'),
    });
    expect(onlyFailure(report, 'outputSchema declared by none')).toMatchObject({
      expectation: 'expect.outputSchema',
      message: 'tool "echo" declares no outputSchema',
    });
    expect(onlyFailure(report, 'outputSchema broken')).toMatchObject({
      expectation: 'expect.outputSchema',
      message: containing("structuredContent does not match the tool's outputSchema: at count"),
      actual: { count: 'three' },
    });
  });

  it('latency budget, lists and completions', () => {
    expect(onlyFailure(report, 'maxLatency')).toMatchObject({
      expectation: 'expect.maxLatency',
      expected: '≤ 100 ms',
      message: matching(/^took \d+ ms, over the budget of 100 ms$/),
    });
    expect(failuresOf(testNamed(report, 'includes and excludes'))).toMatchObject([
      {
        expectation: 'expect.includes',
        message: 'missing "search"',
        expected: ['search'],
        actual: expect.arrayContaining(['echo']) as string[],
      },
      { expectation: 'expect.excludes', message: 'listed, but should not be: "get-sum"' },
    ]);
    expect(onlyFailure(report, 'completion values')).toMatchObject({
      expectation: 'expect.includes',
      actual: ['Engineering'],
    });
  });

  it('notifications and server requests, with what did arrive', () => {
    expect(failuresOf(testNamed(report, 'progress'))).toMatchObject([
      {
        expectation: 'expect.progress',
        message: 'expected exactly 3 progress notifications (notifications/progress), got 2',
        actual: { count: 2, received: ['notifications/progress ×2'] },
      },
      {
        expectation: 'expect.notifications[0]',
        message: 'expected at least 1 notifications/progress with matching params, got 0',
      },
    ]);
    expect(failuresOf(testNamed(report, 'log and listChanged'))).toMatchObject([
      {
        expectation: 'expect.log',
        message: 'expected at least 1 log message (notifications/message) with level error, got 0',
      },
      {
        expectation: 'expect.listChanged[0]',
        message: 'expected at least 1 notifications/tools/list_changed, got 0',
      },
    ]);
    expect(onlyFailure(report, 'notification count')).toMatchObject({
      expectation: 'expect.notifications[0]',
      message: 'expected exactly 0 notifications/resources/list_changed, got 1',
    });
    expect(onlyFailure(report, 'serverRequests')).toMatchObject({
      expectation: 'expect.serverRequests[0]',
      actual: { count: 0, received: ['sampling/createMessage ×1'] },
    });
  });

  it('a step timeout, and strict mode is off unless asked', () => {
    expect(onlyFailure(report, 'timeout')).toMatchObject({
      expectation: 'timeout',
      message:
        "no response to tools/call within 300 ms (raise the step's timeout if it is just slow)",
    });
    expect(testNamed(report, 'strict').status).toBe('passed');
  });

  it('a server request no client answer applies to is refused, and noted', () => {
    const test = testNamed(report, 'no answer in scope');
    expect(test.steps[0]!.notes).toEqual([
      'the server sent sampling/createMessage, but no "client.sampling" applies to this step; it was answered with an error',
    ]);
    expect(failuresOf(test)[0]).toMatchObject({ expectation: 'success' });
  });
});

describe('strict mode and unanswered server requests', () => {
  const tmp = tempDir('strict');
  afterAll(() => tmp.remove());

  it('strict: true fails on a tool result that breaks its outputSchema', async () => {
    const spec = writeSpec(
      tmp.path('strict.yaml'),
      `server: ${fixtureServer('output-schema.mjs')}\nstrict: true\ntests:\n  - name: strict\n    steps: [{ call: count-things }]\n`,
    );
    const { run, report } = await runJson(spec);
    expect(run.code, describeRun(run)).toBe(1);
    expect(onlyFailure(report, 'strict')).toMatchObject({
      expectation: 'strict',
      message: matching(/^OUTPUT_SCHEMA_MISMATCH: /),
    });
  });
});
