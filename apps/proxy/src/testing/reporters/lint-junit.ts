import type { Finding } from '../lint.js';
import { failsRun, type LintReport } from '../lint-report.js';
import { junitXml, type JUnitCase } from './junit.js';

const line = (f: Finding): string =>
  `${f.severity} ${f.rule}: ${f.message}${f.path !== undefined ? ` (at ${f.path})` : ''}`;

/**
 * The lint report as JUnit: one testsuite for the server, one testcase per definition. A
 * definition fails with the findings at --fail-on or above; the others are its system-out.
 */
export function lintReportToJUnit(report: LintReport): string {
  const cases: JUnitCase[] = [];
  if (report.error !== undefined) {
    cases.push({
      name: 'connect',
      classname: 'server',
      timeSeconds: report.durationMs / 1000,
      error: { message: report.error, type: 'unreachable', body: report.error },
    });
  }
  const groups = [
    { kind: 'server', name: 'list methods', findings: report.serverFindings },
    ...report.definitions,
  ].filter((d) => d.kind !== 'server' || d.findings.length > 0);
  for (const d of groups) {
    const failing = d.findings.filter((f) => failsRun(f, report.failOn));
    const rest = d.findings.filter((f) => !failsRun(f, report.failOn));
    const c: JUnitCase = { name: d.name, classname: `${d.kind}s`, timeSeconds: 0 };
    if (failing.length > 0) {
      c.failure = {
        message: `${failing[0]!.rule}: ${failing[0]!.message}`,
        type: failing[0]!.rule,
        body: failing.map(line).join('\n'),
      };
    }
    if (rest.length > 0) c.systemOut = rest.map(line).join('\n');
    cases.push(c);
  }
  return junitXml('mcpscope lint', [
    {
      name: `mcpscope lint ${report.target}`,
      timestamp: report.startedAt,
      timeSeconds: report.durationMs / 1000,
      properties: {
        target: report.target,
        'fail-on': report.failOn,
        ...(report.server !== undefined && {
          server: `${report.server.name} ${report.server.version}`,
        }),
      },
      cases,
    },
  ]);
}
