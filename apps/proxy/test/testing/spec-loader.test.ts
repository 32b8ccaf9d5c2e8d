import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { compileSchema } from '@mcpscope/engine/session/schema-validator';
import { specJsonSchema } from '../../src/testing/spec-json-schema.js';
import { formatSpecError, loadSpec, parseSpec } from '../../src/testing/spec-loader.js';
import { expandString } from '../../src/testing/variables.js';
import { REPO_DIR } from './spec-helpers.js';

/** Errors of a spec given as text, as `line:column: message`. */
function errorsOf(text: string, env: Record<string, string> = {}, name = 'spec.yaml'): string[] {
  const result = parseSpec(text, name, `/specs/${name}`, env);
  if (result.ok) throw new Error('expected the spec to be rejected');
  return result.errors.map((e) => `${e.line}:${e.column}: ${e.message}`);
}

function specOf(text: string, env: Record<string, string> = {}) {
  const result = parseSpec(text, 'spec.yaml', '/specs/spec.yaml', env);
  if (!result.ok) throw new Error(result.errors.map(formatSpecError).join('\n'));
  return result.spec.spec;
}

const HEAD = 'server: node server.js\ntests:\n  - name: t\n    steps:\n';

describe('spec errors name the line, the column and what is wrong', () => {
  it('YAML syntax errors', () => {
    const errors = errorsOf('server: node s.js\ntests:\n  - name: [unclosed\n');
    expect(errors[0]).toMatch(
      /^4:1: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a \]/,
    );
  });

  it('JSON syntax errors in a .json spec', () => {
    const errors = errorsOf('{"server": "node s.js",\n "tests": [}', {}, 'spec.json');
    expect(errors[0]).toMatch(/^2:\d+: not valid JSON: /);
  });

  it('an unknown key, with a suggestion and the keys allowed', () => {
    const errors = errorsOf(
      `${HEAD}      - call: echo\n        expect:\n          txt: { contains: hi }\n`,
    );
    expect(errors).toEqual([
      expect.stringMatching(
        /^7:11: tests\[0\]\.steps\[0\]\.expect\.txt: unknown key "txt" \(did you mean "text"\?\); expected one of "ok", /,
      ),
    ]);
  });

  it('a missing required key points at its parent', () => {
    expect(errorsOf('server: node s.js\ntests:\n  - steps:\n      - request: ping\n')).toEqual([
      '3:5: tests[0].name: missing required key "name"',
    ]);
    expect(errorsOf('tests:\n  - name: t\n    steps: [{ request: ping }]\n')).toEqual([
      '1:1: missing "server": say which server to test (a command line, a URL or an object)',
    ]);
  });

  it('a step of no known kind, and a step of two kinds', () => {
    const errors = errorsOf(`${HEAD}      - lst: tools\n      - call: echo\n        read: x://y\n`);
    expect(errors).toEqual([
      '5:9: tests[0].steps[0]: expected one of the keys "list", "call", "read", "prompt", "complete", "request", "notify", "snapshot" to say what this is; found "lst"',
      '6:9: tests[0].steps[1]: has "call" and "read": give only one of them (one step does one thing; write two steps)',
    ]);
  });

  it('wrong values: enums, durations, regexes, JSONPaths, types', () => {
    const errors = errorsOf(
      [
        'server: node s.js',
        'timeout: 5 sec',
        'tests:',
        '  - name: t',
        '    steps:',
        '      - list: tool',
        '      - call: echo',
        '        arguments: [1]',
        '        expect:',
        '          text: { matches: "((" }',
        '          result: [{ path: "$.[", equals: 1 }]',
      ].join('\n'),
    );
    expect(errors).toEqual([
      '2:10: timeout: expected a duration: milliseconds (500) or a string such as "500ms", "2s", "1m"',
      '6:15: tests[0].steps[0].list: expected one of "tools", "resources", "templates", "prompts", got the string "tool"',
      '8:20: tests[0].steps[1].arguments: expected a mapping (key: value), got a list',
      expect.stringMatching(
        /^10:28: tests\[0\]\.steps\[1\]\.expect\.text\.matches: not a valid regular expression: /,
      ),
      expect.stringMatching(
        /^11:28: tests\[0\]\.steps\[1\]\.expect\.result\[0\]\.path: not a valid JSONPath \(RFC 9535\) at column 3/,
      ),
    ]);
  });

  it('expectations that do not fit the step, and contradictions', () => {
    const errors = errorsOf(
      `${HEAD}      - read: x://y\n        expect: { isError: true, includes: [a] }\n      - call: echo\n        expect: { ok: true, isError: true }\n`,
    );
    expect(errors).toEqual([
      '6:19: tests[0].steps[0].expect.isError: "isError" does not apply to a read step (only to call steps)',
      '6:34: tests[0].steps[0].expect.includes: "includes" does not apply to a read step (only to list and complete steps)',
      '8:19: tests[0].steps[1].expect.ok: ok: true contradicts the error or isError expectation',
    ]);
  });

  it('test names are unique, and tests name servers that exist', () => {
    const errors = errorsOf(
      'servers: { a: node a.js, b: node b.js }\ntests:\n  - { name: t, server: a, steps: [{ request: ping }] }\n  - { name: t, server: c, steps: [{ request: ping }] }\n  - { name: u, steps: [{ request: ping }] }\n',
    );
    expect(errors).toEqual([
      '4:13: tests[1].name: another test is already named "t" (tests[0]); reports identify tests by name',
      '4:24: tests[1].server: no server named "c" in "servers" (it has: a, b)',
      '5:5: tests[2]: the spec has several servers; say which this test uses with "server:" (a, b)',
    ]);
  });

  it('an unset variable without a default', () => {
    expect(errorsOf(`${HEAD}      - call: \${TOOL_NAME}\n`)).toEqual([
      '5:15: tests[0].steps[0].call: environment variable TOOL_NAME is not set (set it, or give a default: ${TOOL_NAME:-value})',
    ]);
  });

  it('a file that is not there, and an empty one', async () => {
    const missing = await loadSpec('/no/such/spec.yaml');
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.errors[0]!.message).toBe('cannot read: no such file');
    expect(errorsOf('')).toEqual(['1:1: the file is empty: a spec needs "server" and "tests"']);
  });
});

describe('variables', () => {
  it('${VAR}, ${VAR:-default}, ${VAR-default} and $${literal}', () => {
    const env = { SET: 'value', EMPTY: '' };
    expect(
      expandString('${SET}/${EMPTY:-fallback}/${EMPTY-kept}/${UNSET:-d}/$${SET}', env),
    ).toEqual({
      value: 'value/fallback//d/${SET}',
      problems: [],
    });
    expect(expandString('${1BAD}', env).problems[0]).toContain('is not a variable reference');
  });

  it('apply to every string of a spec, durations included', () => {
    const spec = specOf(
      `server: \${CMD:-node s.js}\ntimeout: \${T:-2s}\ntests:\n  - name: \${NAME}\n    steps: [{ call: echo }]\n`,
      { NAME: 'from env' },
    );
    expect(spec.server).toBe('node s.js');
    expect(spec.timeout).toBe(2000);
    expect(spec.tests[0]!.name).toBe('from env');
  });
});

describe('valid specs', () => {
  it('durations in ms, s, m and plain numbers; prompt arguments as strings', () => {
    const spec = specOf(
      [
        'server: { url: http://127.0.0.1:1/mcp, headers: { Authorization: Bearer x } }',
        'timeout: 1.5s',
        'connectTimeout: 1m',
        'tests:',
        '  - name: t',
        '    timeout: 2000',
        '    steps:',
        '      - { request: ping, timeout: 250ms }',
        '      - complete: { prompt: p, argument: a }',
        '      - prompt: p',
        '        arguments: { n: 3, yes: true }',
      ].join('\n'),
    );
    expect(spec.timeout).toBe(1500);
    expect(spec.connectTimeout).toBe(60_000);
    expect(spec.tests[0]!.timeout).toBe(2000);
    const steps = spec.tests[0]!.steps;
    expect(steps[1]).toMatchObject({ complete: { prompt: 'p', argument: 'a', value: '' } });
    // Prompt arguments are strings in MCP; YAML numbers and booleans are taken as written.
    expect(steps[2]).toMatchObject({ arguments: { n: '3', yes: 'true' } });
  });

  it('merge keys reuse a step', () => {
    const spec = specOf(
      'server: node s.js\ntests:\n  - name: t\n    steps:\n      - &ping { request: ping, timeout: 250ms }\n      - { <<: *ping, name: again }\n',
    );
    expect(spec.tests[0]!.steps[1]).toMatchObject({ request: 'ping', timeout: 250, name: 'again' });
  });

  it('the examples load', async () => {
    for (const file of ['examples/everything.yaml', 'examples/failing/regressions.yaml']) {
      const loaded = await loadSpec(join(REPO_DIR, file));
      expect(loaded.ok, loaded.ok ? '' : loaded.errors.map(formatSpecError).join('\n')).toBe(true);
    }
  });
});

describe('docs/testing.schema.json', () => {
  const checkedIn = JSON.parse(
    readFileSync(join(REPO_DIR, 'docs', 'testing.schema.json'), 'utf8'),
  ) as unknown;

  it('is what the zod schema generates (regenerate: pnpm --filter mcpscope gen:spec-schema)', () => {
    expect(checkedIn).toEqual(specJsonSchema());
  });

  it('accepts the examples, and rejects what the loader rejects', () => {
    const compiled = compileSchema(checkedIn);
    if (!compiled.ok) throw new Error(compiled.message);
    for (const file of ['examples/everything.yaml', 'examples/failing/regressions.yaml']) {
      const doc = parseYaml(readFileSync(join(REPO_DIR, file), 'utf8')) as unknown;
      expect(compiled.validate(doc), file).toEqual([]);
    }
    const bad = parseYaml(`${HEAD}      - call: echo\n        expect: { txt: 1 }\n`) as unknown;
    expect(compiled.validate(bad).length).toBeGreaterThan(0);
  });
});
