import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeRun, runCli } from '../helpers/cli.js';
import { FIXTURES_DIR } from '../helpers/paths.js';
import { freePort } from '../helpers/processes.js';
import { tempDir } from '../helpers/temp.js';
import {
  failuresOf,
  fixtureServer,
  onlyFailure,
  parseJUnit,
  runJson,
  testNamed,
  writeSpec,
} from './spec-helpers.js';

/** `mcpscope test` as a pipeline sees it: exit codes, reports, files, snapshots. */
describe('mcpscope test', () => {
  const tmp = tempDir('test-cli');
  afterAll(() => tmp.remove());
  const surfaceFile = tmp.path('surface.json');
  const surface = {
    tools: [
      {
        name: 'echo',
        description: 'Echoes',
        inputSchema: { type: 'object', properties: { m: { type: 'string' } } },
      },
      { name: 'old-tool', description: 'Going away', inputSchema: { type: 'object' } },
    ],
    prompts: [{ name: 'greet', description: 'Says hello' }],
  };
  writeFileSync(surfaceFile, JSON.stringify(surface));
  const SURFACE = fixtureServer('surface-server.mjs', surfaceFile);
  const SURFACE_SCRIPT = join(FIXTURES_DIR, 'surface-server.mjs');

  describe('exit 2: spec and usage errors, with file:line:column; nothing runs', () => {
    it('a spec error goes to stderr and into the JSON and JUnit reports', async () => {
      const bad = writeSpec(
        tmp.path('bad/bad.yaml'),
        `server: ${SURFACE}\ntests:\n  - name: t\n    steps:\n      - call: echo\n        expect: { txt: x }\n`,
      );
      const good = writeSpec(
        tmp.path('bad/good.yaml'),
        `server: ${SURFACE}\ntests:\n  - { name: t, steps: [{ request: ping }] }\n`,
      );
      const human = await runCli(['test', bad, good]);
      expect(human.code, describeRun(human)).toBe(2);
      expect(human.stderr).toContain(
        `bad.yaml:6:19: tests[0].steps[0].expect.txt: unknown key "txt" (did you mean "text"?)`,
      );
      expect(human.stderr).toContain('mcpscope test: 1 spec error; nothing was run');
      expect(human.stdout).toBe('');
      const { run, report } = await runJson(bad, good);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/bad\.yaml:6:19: /);
      expect(report).toMatchObject({
        exitCode: 2,
        files: [],
        specErrors: [{ line: 6, column: 19 }],
      });
      const junitPath = tmp.path('bad.xml');
      const junit = await runCli(['test', bad, '--reporter', 'junit', '--output', junitPath]);
      expect(junit.code).toBe(2);
      const parsed = parseJUnit(readFileSync(junitPath, 'utf8'));
      expect(parsed.testsuites.errors).toBe(1);
      expect(parsed.suites[0]!.cases[0]!.error?.message).toMatch(/bad\.yaml:6:19: /);
    });

    it('a server reference that cannot be resolved is a spec error at the server', async () => {
      const spec = writeSpec(
        tmp.path('cfg/spec.yaml'),
        'server:\n  config: ./missing.json\ntests:\n  - { name: t, steps: [{ request: ping }] }\n',
      );
      const run = await runCli(['test', spec]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        /spec\.yaml:2:3: server: config: cannot read \.\/missing\.json \(no such file: /,
      );
    });

    it('usage errors', async () => {
      const spec = writeSpec(
        tmp.path('usage.yaml'),
        `server: ${SURFACE}\ntests:\n  - { name: t, steps: [{ request: ping }] }\n`,
      );
      for (const argv of [
        ['test'],
        ['test', tmp.path('nope.yaml')],
        ['test', spec, '--reporter', 'xml'],
        ['test', spec, '--timeout', 'soon'],
        ['test', spec, '--jobs', '0'],
        ['test', spec, '--no-such-flag'],
      ]) {
        const run = await runCli(argv);
        expect(run.code, `${argv.join(' ')}\n${describeRun(run)}`).toBe(2);
        expect(run.stderr).not.toBe('');
      }
      const help = await runCli(['test', '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('Exit codes:');
    });
  });

  describe('exit 3: a server that cannot be started or reached', () => {
    it('a command that does not exist, and a refused URL, are errors of the tests using them', async () => {
      const port = await freePort();
      const spec = writeSpec(
        tmp.path('unreachable.yaml'),
        `servers:\n  missing: mcpscope-no-such-binary --flag\n  refused: http://127.0.0.1:${port}/mcp\ntests:\n  - { name: spawn, server: missing, steps: [{ request: ping }] }\n  - { name: again, server: missing, steps: [{ request: ping }] }\n  - { name: connect, server: refused, steps: [{ request: ping }] }\n`,
      );
      const junitPath = tmp.path('unreachable.xml');
      const run = await runCli(['test', spec, '--reporter', 'junit', '--output', junitPath]);
      expect(run.code, describeRun(run)).toBe(3);
      expect(run.stdout).toContain('cannot start or reach the server (SPAWN_FAILED)');
      const parsed = parseJUnit(readFileSync(junitPath, 'utf8'));
      expect(parsed.testsuites).toMatchObject({ tests: 3, errors: 3, failures: 0 });
      expect(parsed.suites[0]!.cases[2]!.error?.message).toContain('CONNECT_FAILED');
    });
  });

  describe('exit 1: a server that crashes or hangs fails its test; the next test gets a new one', () => {
    it("crash mid-call is an error with the server's last words; timeouts fail the step", async () => {
      const spec = writeSpec(
        tmp.path('crash.yaml'),
        `servers:\n  crash: ${fixtureServer('crash-mid-call.mjs')}\n  hang: ${fixtureServer('hang.mjs')}\ntests:\n  - { name: crashes, server: crash, steps: [{ call: explode }, { request: ping }] }\n  - { name: restarted, server: crash, steps: [{ request: ping }] }\n  - { name: hangs, server: hang, steps: [{ call: wait-forever, timeout: 300ms }] }\n`,
      );
      const { run, report } = await runJson(spec);
      expect(run.code, describeRun(run)).toBe(1);
      const crashed = testNamed(report, 'crashes');
      expect(crashed).toMatchObject({ status: 'error', errorKind: 'connection' });
      expect(crashed.steps.map((s) => s.status)).toEqual(['error', 'skipped']);
      expect(failuresOf(crashed)[0]!.message).toContain('fatal: the database is on fire');
      expect(testNamed(report, 'restarted').status).toBe('passed');
      expect(onlyFailure(report, 'hangs')).toMatchObject({ expectation: 'timeout' });
    });
  });

  describe('spec files', () => {
    it('run in parallel (--jobs), each file in order; directories are searched', async () => {
      const dir = tmp.path('parallel');
      for (const name of ['a', 'b'])
        writeSpec(
          `${dir}/${name}.yaml`,
          `server: ${SURFACE}\ntests:\n  - { name: ${name}1, steps: [{ list: tools }] }\n  - { name: ${name}2, steps: [{ request: ping }] }\n`,
        );
      writeSpec(`${dir}/__snapshots__/ignored.yaml`, 'not: a spec');
      const overlap = (report: { files: { startedAt: string; durationMs: number }[] }): boolean => {
        const [a, b] = report.files.map((f) => ({
          start: Date.parse(f.startedAt),
          end: Date.parse(f.startedAt) + f.durationMs,
        }));
        // startedAt has millisecond precision: intervals touching within 5 ms do not overlap.
        return Math.min(a!.end, b!.end) - Math.max(a!.start, b!.start) > 5;
      };
      const together = await runJson(dir, '--jobs', '2');
      expect(together.run.code, describeRun(together.run)).toBe(0);
      expect(together.report.files.map((f) => f.tests.map((t) => t.name))).toEqual([
        ['a1', 'a2'],
        ['b1', 'b2'],
      ]);
      expect(overlap(together.report)).toBe(true);
      const oneByOne = await runJson(dir, '--jobs', '1');
      expect(overlap(oneByOne.report)).toBe(false);
    });

    it('skip, --filter, variables and --verbose', async () => {
      process.env['MCPSCOPE_TEST_TOOL'] = 'echo';
      const yaml = writeSpec(
        tmp.path('misc.yaml'),
        `server: ${SURFACE}\ntests:\n  - { name: uses a variable, steps: [{ call: '\${MCPSCOPE_TEST_TOOL}', expect: { text: { equals: called echo } } }] }\n  - { name: skipped, skip: not today, steps: [{ request: ping }] }\n  - { name: other, steps: [{ request: ping }] }\n`,
      );
      const { run, report } = await runJson(yaml);
      expect(run.code, describeRun(run)).toBe(0);
      expect(report.summary).toMatchObject({ tests: 3, passed: 2, skipped: 1 });
      expect(testNamed(report, 'skipped')).toMatchObject({
        status: 'skipped',
        reason: 'not today',
      });
      const filtered = await runJson(yaml, '--filter', 'VARIABLE', '--verbose');
      expect(filtered.report.summary.tests).toBe(1);
      expect(filtered.run.stderr).toMatch(/misc\.yaml \[server\] .*→ request {6}tools\/call #\d+ /);
      const none = await runJson(yaml, '--filter', 'nothing matches');
      expect(none.run.stderr).toContain('no test name contains "nothing matches"');
    });
  });

  it('a JSON spec runs like a YAML one, with line numbers in its errors', async () => {
    const spec = writeSpec(
      tmp.path('spec.json'),
      JSON.stringify(
        {
          server: { command: process.execPath, args: [SURFACE_SCRIPT, surfaceFile] },
          tests: [{ name: 'json', steps: [{ list: 'tools', expect: { includes: ['echo'] } }] }],
        },
        null,
        2,
      ),
    );
    const { run, report } = await runJson(spec);
    expect(run.code, describeRun(run)).toBe(0);
    expect(report.summary.passed).toBe(1);
    const bad = writeSpec(
      tmp.path('bad.json'),
      '{\n  "server": "node s.js",\n  "tests": [{ "name": 1 }]\n}\n',
    );
    const failed = await runCli(['test', bad]);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain('bad.json:3:13: tests[0].steps: missing required key "steps"');
    expect(failed.stderr).toContain(
      'bad.json:3:23: tests[0].name: expected a string, got the number 1',
    );
  });

  describe('snapshots', () => {
    it('are written, then compared with a readable diff, then updated', async () => {
      const spec = writeSpec(
        tmp.path('snap/spec.yaml'),
        `server: ${SURFACE}\ntests:\n  - { name: surface, steps: [{ snapshot: surface }] }\n`,
      );
      const missingInCi = await runJson(spec, '--ci');
      expect(missingInCi.run.code).toBe(1);
      expect(onlyFailure(missingInCi.report, 'surface').message).toMatch(
        /^no stored snapshot "surface" in .*spec\.yaml\.snap; run mcpscope test --update-snapshots/,
      );

      const first = await runJson(spec, '--no-ci');
      expect(first.run.code, describeRun(first.run)).toBe(0);
      expect(first.report.files[0]!.snapshots).toMatchObject({ written: 1 });
      const stored = readFileSync(tmp.path('snap/__snapshots__/spec.yaml.snap'), 'utf8');
      expect(JSON.parse(stored)).toMatchObject({
        format: 'mcpscope-snapshots',
        snapshots: { surface: { tools: [{ name: 'echo' }, { name: 'old-tool' }] } },
      });

      const second = await runJson(spec, '--ci');
      expect(second.run.code).toBe(0);
      expect(second.report.files[0]!.snapshots).toMatchObject({ passed: 1 });

      writeFileSync(
        surfaceFile,
        JSON.stringify({
          ...surface,
          tools: [
            {
              name: 'echo',
              description: 'Echoes back',
              inputSchema: { type: 'object', properties: { m: { type: 'number' } } },
            },
            { name: 'new-tool', description: 'Brand new', inputSchema: { type: 'object' } },
          ],
        }),
      );
      const changed = await runCli(['test', spec, '--ci']);
      expect(changed.code, describeRun(changed)).toBe(1);
      expect(changed.stdout).toContain(
        'snapshot: the server\'s surface differs from snapshot "surface" (3 changes; run with --update-snapshots to accept them)',
      );
      expect(changed.stdout).toContain(
        [
          '        tools:',
          '          + new-tool — Brand new',
          '          - old-tool',
          '          ~ echo',
          '              description: "Echoes" → "Echoes back"',
          '              inputSchema.properties.m.type: "string" → "number"',
        ].join('\n'),
      );
      const updated = await runJson(spec, '--update-snapshots', '--ci');
      expect(updated.run.code).toBe(0);
      expect(updated.report.files[0]!.snapshots).toMatchObject({ updated: 1 });
      expect((await runJson(spec, '--ci')).run.code).toBe(0);
      writeFileSync(surfaceFile, JSON.stringify(surface));
    });
  });

  it('--reporter human: colours only when asked or on a terminal', async () => {
    const spec = writeSpec(
      tmp.path('color.yaml'),
      `server: ${SURFACE}\ntests:\n  - { name: t, steps: [{ request: ping }] }\n`,
    );
    const plain = await runCli(['test', spec]);
    expect(plain.stdout).not.toContain('\u001b[');
    expect(plain.stdout).toMatch(/ ✓ .*color\.yaml › t \d+ ms/);
    const colored = await runCli(['test', spec, '--color']);
    expect(colored.stdout).toContain('\u001b[32m✓\u001b[39m');
  });
});
