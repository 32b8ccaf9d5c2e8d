import type { RunReport } from '../report.js';

/**
 * The whole run as JSON (`format: "mcpscope-test-report"`, `version: 1`): every file, test,
 * step and failure, with the expectation's name, where it is written, expected and actual.
 */
export function testReportToJson(report: RunReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}
