import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { describeRun, runCli } from '../helpers/cli.js';
import { EVERYTHING_STDIO, fixture } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';
import { lintSurface, RULES, type Finding } from '../../src/testing/lint.js';
import type { LintReport } from '../../src/testing/lint-report.js';
import { containing, parseJUnit, writeSpec } from './spec-helpers.js';

/** Definitions that break every rule once, and a few that break none. */
const BAD_SURFACE = {
  tools: [
    {
      name: 'good_tool',
      description: 'A tool without problems',
      inputSchema: {
        type: 'object',
        properties: { q: { type: 'string', description: 'the query' } },
        required: ['q'],
      },
      outputSchema: { type: 'object', properties: { n: { type: 'number' } } },
    },
    { name: 'no-schema', description: 'has no inputSchema' },
    { name: 'array-schema', description: 'd', inputSchema: { type: 'array' } },
    {
      name: 'bad-output',
      description: 'd',
      inputSchema: { type: 'object' },
      outputSchema: { type: 'object', properties: { x: { type: 'strin' } }, required: 'x' },
    },
    {
      name: 'wrong-required',
      description: 'd',
      inputSchema: {
        type: 'object',
        properties: {
          a: { type: 'string', description: 'a' },
          nested: { type: 'object', description: 'n', properties: {}, required: ['deep'] },
        },
        required: ['a', 'b'],
      },
    },
    {
      name: 'undocumented',
      inputSchema: { type: 'object', properties: { x: { type: 'string' } } },
    },
    { name: 'has space', description: 'd', inputSchema: { type: 'object' } },
    { name: 'dup', description: 'd', inputSchema: { type: 'object' } },
    { name: 'dup', description: 'd', inputSchema: { type: 'object' } },
    { name: 'huge', description: 'x'.repeat(5000), inputSchema: { type: 'object' } },
  ],
  prompts: [
    { name: 'p', description: 'd', arguments: [{ name: 'a' }, { name: 'a', description: 'dup' }] },
    { name: 'bare' },
  ],
  resources: [{ uri: 'file:///a', name: 'a' }],
  resourceTemplates: [{ uriTemplate: 'file:///{x}', name: 't', description: 'd' }],
};

function rulesOf(findings: Finding[], name: string): string[] {
  return findings.filter((f) => f.name === name).map((f) => f.rule);
}

describe('lint rules', () => {
  const findings = lintSurface(
    {
      tools: BAD_SURFACE.tools,
      prompts: BAD_SURFACE.prompts,
      resources: BAD_SURFACE.resources,
      templates: BAD_SURFACE.resourceTemplates,
    },
    { maxBytes: 4096 },
  );

  it('find each kind of problem where it is, with its severity', () => {
    expect(rulesOf(findings, 'good_tool')).toEqual([]);
    expect(rulesOf(findings, 'no-schema')).toEqual(['input-schema-invalid']);
    expect(rulesOf(findings, 'array-schema')).toEqual(['input-schema-invalid']);
    expect(findings.filter((f) => f.name === 'bad-output').map((f) => f.message)).toEqual([
      'outputSchema.required must be a list of property names',
      'outputSchema.properties.x.type: "strin" is not a JSON Schema type',
    ]);
    expect(findings.filter((f) => f.name === 'wrong-required').map((f) => f.message)).toEqual([
      'inputSchema.required: "required" names "b", which "properties" does not define',
      'inputSchema.properties.nested.required: "required" names "deep", which "properties" does not define',
    ]);
    expect(rulesOf(findings, 'undocumented').sort()).toEqual([
      'missing-description',
      'undocumented-parameter',
    ]);
    expect(findings.find((f) => f.name === 'has space')).toMatchObject({
      rule: 'tool-name',
      severity: 'warning',
      message: 'tool name "has space" contains " "; the spec asks for A-Z a-z 0-9 _ - . only',
    });
    expect(rulesOf(findings, 'dup')).toEqual(['duplicate-name']);
    expect(findings.find((f) => f.name === 'huge')).toMatchObject({
      rule: 'large-definition',
      severity: 'warning',
    });
    expect(rulesOf(findings, 'p').sort()).toEqual(['duplicate-name', 'undocumented-parameter']);
    expect(rulesOf(findings, 'bare')).toEqual(['missing-description']);
    expect(rulesOf(findings, 'file:///a')).toEqual(['missing-description']);
    for (const finding of findings)
      expect(finding.severity).toBe(RULES[finding.rule as keyof typeof RULES].severity);
  });
});

describe('mcpscope lint', () => {
  const tmp = tempDir('lint');
  afterAll(() => tmp.remove());
  const badServer = fixture(
    'surface-server.mjs',
    writeSpec(tmp.path('bad-surface.json'), JSON.stringify(BAD_SURFACE)),
  );

  it('passes server-everything (warnings only), and its JUnit report parses with a case per definition', async () => {
    const junit = tmp.path('lint.xml');
    const run = await runCli([
      'lint',
      '--reporter',
      'junit',
      '--output',
      junit,
      ...EVERYTHING_STDIO,
    ]);
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).toContain('server mcp-servers/everything');
    expect(run.stdout).toMatch(/✓ 0 errors, \d+ warnings/);
    const parsed = parseJUnit(readFileSync(junit, 'utf8'));
    expect(parsed.testsuites.failures).toBe(0);
    const names = parsed.suites[0]!.cases.map((c) => `${c.classname}:${c.name}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'tools:echo',
        'prompts:args-prompt',
        'templates:demo://resource/dynamic/text/{resourceId}',
      ]),
    );
    // The sampling and elicitation tools are linted too: lint declares those capabilities.
    expect(names).toContain('tools:trigger-sampling-request');
  });

  it('exits 1 on errors, with every finding in the JSON report', async () => {
    const run = await runCli(['lint', '--reporter', 'json', ...badServer]);
    expect(run.code, describeRun(run)).toBe(1);
    const report = JSON.parse(run.stdout) as LintReport;
    expect(report).toMatchObject({ format: 'mcpscope-lint-report', version: 1, exitCode: 1 });
    const rules = new Set(report.definitions.flatMap((d) => d.findings.map((f) => f.rule)));
    expect([...rules].sort()).toEqual(
      Object.keys(RULES)
        // list-failed needs a failing server; the MCP Apps rules have their own fixture (lint-apps.test.ts).
        .filter(
          (r) => !['list-failed', 'app-resource-missing', 'app-resource-mime-type'].includes(r),
        )
        .sort(),
    );
    expect(report.summary.errors).toBeGreaterThan(0);
    expect(report.surface).toMatchObject({ tools: 10, prompts: 2, resources: 1, templates: 1 });
  });

  it('--fail-on warning fails on warnings; the human report groups findings by definition', async () => {
    const surface = writeSpec(
      tmp.path('warn.json'),
      JSON.stringify({ tools: [{ name: 'x', inputSchema: { type: 'object' } }] }),
    );
    const errorsOnly = await runCli(['lint', ...fixture('surface-server.mjs', surface)]);
    expect(errorsOnly.code, describeRun(errorsOnly)).toBe(0);
    const warnings = await runCli([
      'lint',
      '--fail-on',
      'warning',
      ...fixture('surface-server.mjs', surface),
    ]);
    expect(warnings.code, describeRun(warnings)).toBe(1);
    expect(warnings.stdout).toContain('tool x\n  warning missing-description');
    expect(warnings.stdout).toContain('✗ 0 errors, 1 warning (fails on warning and above)');
  });

  it('exits 3 when the server cannot be started, and 2 on usage errors', async () => {
    const missing = await runCli(['lint', '--reporter', 'json', 'mcpscope-no-such-server-binary']);
    expect(missing.code, describeRun(missing)).toBe(3);
    expect(JSON.parse(missing.stdout)).toMatchObject({
      exitCode: 3,
      error: containing('SPAWN_FAILED'),
    });
    const usage = await runCli(['lint', '--fail-on', 'sometimes', ...EVERYTHING_STDIO]);
    expect(usage.code).toBe(2);
    const none = await runCli(['lint']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('mcpscope lint: no server given');
  });
});
