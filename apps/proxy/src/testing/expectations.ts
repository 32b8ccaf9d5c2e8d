import type { TrafficEntry } from '@mcpscope/protocol';
import type { RequestOutcome } from '@mcpscope/engine/session/outcome';
import { checkPath, schemaProblems } from '../common/jsonpath.js';
import { checkText, show } from '../common/matchers.js';
import { countChecks, countFailures } from './notification-checks.js';
import type { DocPath } from './source-map.js';
import type { Expect, PathAssertion, StepKind } from './spec-schema.js';

/** Everything a step produced that expectations look at. */
export interface StepEvidence {
  kind: StepKind;
  /** The method sent (for messages). */
  method: string;
  /** How the request ended; absent for notify and snapshot steps. */
  outcome?: RequestOutcome;
  durationMs: number;
  timeoutMs: number;
  /** What the server sent during the step (and the wait after it). */
  entries: TrafficEntry[];
  /** The response's traffic entry, with the engine's diagnostics. */
  responseEntry?: TrafficEntry;
  /** call steps: the tool as the server listed it. */
  tool?: { name: string; listed: boolean; outputSchema?: unknown; known: string[] };
  strict: boolean;
}

/** An expectation that did not hold, at a path relative to the step. */
export interface StepFailure {
  expectation: string;
  path: DocPath;
  message: string;
  expected?: unknown;
  actual?: unknown;
  /** The server went away: the test errors rather than fails. */
  connectionLost?: boolean;
  /** Snapshots: what changed, one change per line. */
  diff?: string;
}

const CONNECTION_CODES = new Set(['CONNECTION_CLOSED', 'NOT_CONNECTED', 'SEND_FAILED']);

/** Checks every expectation of a step; an empty list means the step passed. */
export function checkStep(expect: Expect | undefined, evidence: StepEvidence): StepFailure[] {
  const e = expect ?? {};
  const failures: StepFailure[] = [];
  const outcome = evidence.outcome;
  let resultUsable = outcome?.ok === true;
  if (outcome !== undefined) {
    const primary = checkOutcome(e, evidence, outcome);
    failures.push(...primary);
    if (primary.length > 0) resultUsable = false;
    if (outcome.ok && e.error === undefined && resultUsable)
      failures.push(...checkResult(e, evidence, outcome.result));
  }
  if (e.maxLatency !== undefined && evidence.durationMs > e.maxLatency) {
    failures.push({
      expectation: 'expect.maxLatency',
      path: ['expect', 'maxLatency'],
      message: `took ${Math.round(evidence.durationMs)} ms, over the budget of ${e.maxLatency} ms`,
      expected: `≤ ${e.maxLatency} ms`,
      actual: `${Math.round(evidence.durationMs)} ms`,
    });
  }
  failures.push(...countFailures(countChecks(e), evidence.entries));
  if (evidence.strict) failures.push(...strictFailures(evidence.entries));
  return failures;
}

function checkOutcome(e: Expect, evidence: StepEvidence, outcome: RequestOutcome): StepFailure[] {
  // Only a tool result has isError; any other method's result is what it is.
  const isError =
    evidence.kind === 'call' &&
    outcome.ok &&
    (outcome.result as { isError?: unknown } | undefined)?.isError === true;
  if (!outcome.ok && outcome.code !== 'RPC_ERROR') {
    if (outcome.code === 'TIMEOUT') {
      return [
        {
          expectation: 'timeout',
          path: ['timeout'],
          message: `no response to ${evidence.method} within ${evidence.timeoutMs} ms (raise the step's timeout if it is just slow)`,
          expected: `a response within ${evidence.timeoutMs} ms`,
          actual: 'no response',
        },
      ];
    }
    return [
      {
        expectation: 'connection',
        path: [],
        message: outcome.message,
        expected: 'a response',
        actual: outcome.code,
        connectionLost: CONNECTION_CODES.has(outcome.code),
      },
    ];
  }
  const rpcError = !outcome.ok ? outcome.error : undefined;
  const got =
    rpcError !== undefined
      ? { error: rpcError }
      : isError
        ? {
            isError: true,
            text: resultText(evidence.kind, outcome.ok ? outcome.result : undefined),
          }
        : 'a result';

  if (e.error !== undefined) {
    if (rpcError === undefined) {
      return [
        {
          expectation: 'expect.error',
          path: ['expect', 'error'],
          message: `expected a JSON-RPC error${e.error.code === undefined ? '' : ` ${e.error.code}`}, got ${isError ? 'a tool result with isError: true' : 'a result'}`,
          expected: e.error.code === undefined ? 'a JSON-RPC error' : { code: e.error.code },
          actual: got,
        },
      ];
    }
    const out: StepFailure[] = [];
    if (e.error.code !== undefined && rpcError.code !== e.error.code) {
      out.push({
        expectation: 'expect.error.code',
        path: ['expect', 'error', 'code'],
        message: `expected JSON-RPC error code ${e.error.code}, got ${rpcError.code} (${rpcError.message})`,
        expected: e.error.code,
        actual: rpcError,
      });
    }
    if (e.error.message !== undefined) {
      for (const miss of checkText(String(rpcError.message), e.error.message)) {
        out.push({
          expectation: `expect.error.message.${miss.check}`,
          path: ['expect', 'error', 'message', miss.check],
          message: `error message: ${miss.message}`,
          expected: miss.expected,
          actual: rpcError.message,
        });
      }
    }
    return out;
  }
  if (e.isError !== undefined) {
    if (rpcError !== undefined || isError !== e.isError) {
      return [
        {
          expectation: 'expect.isError',
          path: ['expect', 'isError'],
          message:
            rpcError !== undefined
              ? `expected a tool result with isError: ${e.isError}, got JSON-RPC error ${rpcError.code}: ${rpcError.message}`
              : `expected isError: ${e.isError}, got isError: ${isError}${isError ? `: ${show(resultText('call', outcome.ok ? outcome.result : undefined), 200)}` : ''}`,
          expected: { isError: e.isError },
          actual: got,
        },
      ];
    }
    return [];
  }
  const failed = rpcError !== undefined || isError;
  if (e.ok === false) {
    return failed
      ? []
      : [
          {
            expectation: 'expect.ok',
            path: ['expect', 'ok'],
            message: 'expected a failure (a JSON-RPC error or isError: true), got a result',
            expected: 'a failure',
            actual: 'a result',
          },
        ];
  }
  if (!failed) return [];
  const hint =
    evidence.tool !== undefined &&
    evidence.tool.listed &&
    !evidence.tool.known.includes(evidence.tool.name)
      ? `; the server lists no tool "${evidence.tool.name}" (it has: ${evidence.tool.known.join(', ') || 'none'})`
      : '';
  return [
    {
      expectation: e.ok === true ? 'expect.ok' : 'success',
      path: e.ok === true ? ['expect', 'ok'] : [],
      message:
        rpcError !== undefined
          ? `expected success, got JSON-RPC error ${rpcError.code}: ${rpcError.message}${hint}`
          : `expected success, the tool returned isError: true: ${show(resultText('call', outcome.ok ? outcome.result : undefined), 300)}${hint}`,
      expected: 'success',
      actual: got,
    },
  ];
}

function pathFailures(
  document: unknown,
  assertions: readonly PathAssertion[],
  key: 'result' | 'structuredContent',
): StepFailure[] {
  return assertions.flatMap((assertion, i) =>
    checkPath(document, assertion).map((miss) => ({
      expectation: `expect.${key}[${i}].${miss.check}`,
      path: ['expect', key, i, miss.check],
      message: miss.message,
      expected: miss.expected,
      actual: miss.actual,
    })),
  );
}

function checkResult(e: Expect, evidence: StepEvidence, result: unknown): StepFailure[] {
  const failures: StepFailure[] = [];
  if (e.text !== undefined) {
    const text = resultText(evidence.kind, result);
    for (const miss of checkText(text, e.text)) {
      failures.push({
        expectation: `expect.text.${miss.check}`,
        path: ['expect', 'text', miss.check],
        message: miss.message,
        expected: miss.expected,
        actual: text,
      });
    }
  }
  if (e.result !== undefined) failures.push(...pathFailures(result, e.result, 'result'));
  if (e.structuredContent !== undefined) {
    const structured = (result as { structuredContent?: unknown } | undefined)?.structuredContent;
    if (structured === undefined) {
      failures.push({
        expectation: 'expect.structuredContent',
        path: ['expect', 'structuredContent'],
        message: 'the result has no structuredContent',
        expected: 'structuredContent',
        actual: result,
      });
    } else {
      failures.push(...pathFailures(structured, e.structuredContent, 'structuredContent'));
    }
  }
  if (e.schema !== undefined) {
    const problems = schemaProblems(e.schema, result);
    if (problems.length > 0) {
      failures.push({
        expectation: 'expect.schema',
        path: ['expect', 'schema'],
        message: `the result is not valid against the schema: ${problems.join('; ')}`,
        expected: e.schema,
        actual: result,
      });
    }
  }
  if (e.outputSchema === true) failures.push(...outputSchemaFailures(evidence, result));
  if (e.includes !== undefined || e.excludes !== undefined) {
    const names = namesOf(evidence.kind, result);
    const flat = names.flat();
    const missing = (e.includes ?? []).filter((n) => !flat.includes(n));
    const present = (e.excludes ?? []).filter((n) => flat.includes(n));
    const listed = names.map((n) => n[0]);
    if (missing.length > 0) {
      failures.push({
        expectation: 'expect.includes',
        path: ['expect', 'includes'],
        message: `missing ${missing.map((n) => JSON.stringify(n)).join(', ')}`,
        expected: missing,
        actual: listed,
      });
    }
    if (present.length > 0) {
      failures.push({
        expectation: 'expect.excludes',
        path: ['expect', 'excludes'],
        message: `listed, but should not be: ${present.map((n) => JSON.stringify(n)).join(', ')}`,
        expected: { none: present },
        actual: listed,
      });
    }
  }
  return failures;
}

function outputSchemaFailures(evidence: StepEvidence, result: unknown): StepFailure[] {
  const tool = evidence.tool;
  const fail = (message: string, expected: unknown, actual: unknown): StepFailure[] => [
    {
      expectation: 'expect.outputSchema',
      path: ['expect', 'outputSchema'],
      message,
      expected,
      actual,
    },
  ];
  if (tool === undefined || !tool.listed || !tool.known.includes(tool.name))
    return fail(
      `tools/list does not list "${tool?.name ?? '?'}", so its outputSchema is unknown`,
      'a listed tool',
      tool?.known,
    );
  if (tool.outputSchema === undefined)
    return fail(`tool "${tool.name}" declares no outputSchema`, 'an outputSchema', 'none');
  const issues = (evidence.responseEntry?.issues ?? []).filter(
    (i) => i.code === 'OUTPUT_SCHEMA_MISMATCH' || i.code === 'SCHEMA_NOT_COMPILABLE',
  );
  if (issues.length === 0) return [];
  return fail(
    issues.map((i) => i.message).join('; '),
    tool.outputSchema,
    (result as { structuredContent?: unknown } | undefined)?.structuredContent ??
      '(no structuredContent)',
  );
}

function strictFailures(entries: readonly TrafficEntry[]): StepFailure[] {
  const out: StepFailure[] = [];
  for (const entry of entries) {
    if (entry.dir !== 's2c') continue;
    for (const issue of entry.issues ?? []) {
      if (issue.severity !== 'error') continue;
      out.push({
        expectation: 'strict',
        path: [],
        message: `${issue.code}: ${issue.message}`,
        expected: 'messages valid against the MCP schema',
        actual: entry.msg ?? entry.raw,
      });
    }
  }
  return out;
}

type Item = Record<string, unknown>;
const items = (result: unknown, key: string): Item[] => {
  const value = (result as Record<string, unknown> | undefined)?.[key];
  return Array.isArray(value) ? (value as Item[]) : [];
};
const strings = (...values: unknown[]): string[] =>
  values.filter((v): v is string => typeof v === 'string');

/** What `includes` and `excludes` compare against: for each item, the names it answers to. */
function namesOf(kind: StepKind, result: unknown): string[][] {
  if (kind === 'complete') {
    const values = (result as { completion?: { values?: unknown } } | undefined)?.completion
      ?.values;
    return Array.isArray(values) ? values.map((v) => [String(v)]) : [];
  }
  const r = result as Record<string, unknown> | undefined;
  if (Array.isArray(r?.['tools'])) return items(r, 'tools').map((t) => strings(t['name']));
  if (Array.isArray(r?.['prompts'])) return items(r, 'prompts').map((p) => strings(p['name']));
  if (Array.isArray(r?.['resourceTemplates']))
    return items(r, 'resourceTemplates').map((t) => strings(t['uriTemplate'], t['name']));
  return items(r, 'resources').map((x) => strings(x['uri'], x['name']));
}

/** The text of a result, as `expect.text` sees it. */
export function resultText(kind: StepKind, result: unknown): string {
  const r = (result ?? {}) as Record<string, unknown>;
  const blockText = (block: unknown): string[] => {
    const b = (block ?? {}) as Record<string, unknown>;
    if (b['type'] === 'text' && typeof b['text'] === 'string') return [b['text']];
    const embedded = b['resource'] as Record<string, unknown> | undefined;
    if (b['type'] === 'resource' && typeof embedded?.['text'] === 'string')
      return [embedded['text']];
    return [];
  };
  switch (kind) {
    case 'call':
      return items(r, 'content').flatMap(blockText).join('\n');
    case 'read':
      return items(r, 'contents')
        .flatMap((c) => strings(c['text']))
        .join('\n');
    case 'prompt':
      return items(r, 'messages')
        .flatMap((m) =>
          (Array.isArray(m['content']) ? m['content'] : [m['content']]).flatMap(blockText),
        )
        .join('\n');
    case 'complete':
    case 'list':
      return namesOf(kind, result)
        .map((n) => n[0] ?? '')
        .join('\n');
    default:
      return JSON.stringify(result, null, 2) ?? '';
  }
}
