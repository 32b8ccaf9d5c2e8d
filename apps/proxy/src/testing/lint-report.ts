import { ExitCode, type ExitCodeValue } from '../common/exit-codes.js';
import type { DefinitionKind, Finding, Severity } from './lint.js';

/** One definition that was checked, with what was found in it. */
export interface LintedDefinition {
  kind: DefinitionKind;
  name: string;
  /** Its cost as JSON. */
  bytes: number;
  findings: Finding[];
}

/** What `mcpscope lint` found (`format: "mcpscope-lint-report"`, `version: 1`). */
export interface LintReport {
  format: 'mcpscope-lint-report';
  version: 1;
  target: string;
  startedAt: string;
  durationMs: number;
  exitCode: ExitCodeValue;
  /** The severity from which a finding fails the run (--fail-on). */
  failOn: Severity;
  /** Why the server could not be linted (it could not be started or reached). */
  error?: string;
  server?: { name: string; version: string; protocolVersion: string };
  surface: {
    tools: number;
    prompts: number;
    resources: number;
    templates: number;
    /** Bytes of JSON of all tool definitions: what a client sends a model with every request. */
    toolBytes: number;
  };
  summary: { errors: number; warnings: number; infos: number };
  definitions: LintedDefinition[];
  /** Findings about the server as a whole (a list method that fails). */
  serverFindings: Finding[];
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** Whether a finding fails the run under --fail-on. */
export function failsRun(finding: Finding, failOn: Severity): boolean {
  return RANK[finding.severity] >= RANK[failOn];
}

/** 3 when the server could not be linted, 1 when a finding fails the run, else 0. */
export function lintExitCode(report: Omit<LintReport, 'exitCode'>): ExitCodeValue {
  if (report.error !== undefined) return ExitCode.CONNECTION;
  const all = [...report.serverFindings, ...report.definitions.flatMap((d) => d.findings)];
  return all.some((f) => failsRun(f, report.failOn)) ? ExitCode.TOOL_ERROR : ExitCode.OK;
}
