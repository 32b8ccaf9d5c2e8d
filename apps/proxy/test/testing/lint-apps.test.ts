import { describe, expect, it } from 'vitest';
import { describeRun, runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';
import { lintSurface } from '../../src/testing/lint.js';
import type { LintReport } from '../../src/testing/lint-report.js';

/**
 * The MCP Apps rules of `mcpscope lint`, against our ext-apps fixture server (v2 SDK,
 * registerAppTool / registerAppResource): with `--broken` it also serves a tool whose ui://
 * resource does not exist and one whose resource is plain text/html.
 */
describe('mcpscope lint: MCP Apps', () => {
  it('reports a missing ui:// resource and a wrong mimeType, on the tools that name them', async () => {
    const run = await runCli([
      'lint',
      '--reporter',
      'json',
      ...fixture('app-server.mjs', '--broken'),
    ]);
    expect(run.code, describeRun(run)).toBe(1);
    const report = JSON.parse(run.stdout) as LintReport;
    const byTool = (name: string): string[] =>
      report.definitions
        .filter((d) => d.kind === 'tool' && d.name === name)
        .flatMap((d) => d.findings.map((f) => f.rule));
    expect(byTool('missing-app')).toEqual(['app-resource-missing']);
    expect(byTool('plain-html-app')).toEqual(['app-resource-mime-type']);
    expect(byTool('show-counter')).toEqual([]);
    const missing = report.definitions
      .flatMap((d) => d.findings)
      .find((f) => f.rule === 'app-resource-missing');
    expect(missing?.message).toContain('ui://nowhere/app.html');
    expect(missing?.path).toBe('_meta.ui.resourceUri');
  });

  it('passes a server whose app resources are all there and typed', async () => {
    const run = await runCli(['lint', '--reporter', 'json', ...fixture('app-server.mjs')]);
    expect(run.code, describeRun(run)).toBe(0);
    const report = JSON.parse(run.stdout) as LintReport;
    expect(report.summary.errors).toBe(0);
    expect(report.surface.tools).toBe(2);
  });

  it('refuses a resourceUri that is not ui://, and reads the earlier flat _meta key', () => {
    const findings = lintSurface(
      {
        tools: [
          {
            name: 'http-app',
            description: 'd',
            inputSchema: { type: 'object' },
            _meta: { ui: { resourceUri: 'https://x/app.html' } },
          },
          {
            name: 'flat',
            description: 'd',
            inputSchema: { type: 'object' },
            _meta: { 'ui/resourceUri': 'ui://flat/app.html' },
          },
          {
            name: 'untyped',
            description: 'd',
            inputSchema: { type: 'object' },
            _meta: { ui: { resourceUri: 'ui://untyped/app.html' } },
          },
        ],
        prompts: [],
        resources: [],
        templates: [],
        appResources: {
          'ui://flat/app.html': { ok: true, mimeType: 'text/html' },
          'ui://untyped/app.html': { ok: true, mimeType: undefined },
        },
      },
      { maxBytes: 4096 },
    );
    expect(findings.map((f) => `${f.name}:${f.rule}`)).toEqual([
      'http-app:app-resource-missing',
      'flat:app-resource-mime-type',
      'untyped:app-resource-mime-type',
    ]);
  });
});
