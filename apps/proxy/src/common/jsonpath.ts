import { exec, type JsonValue } from 'jsonpath-rfc9535';
import { compileSchema } from '@mcpscope/engine/session/schema-validator';
import { jsonPathProblem } from '@mcpscope/protocol/compare';
import { asText, deepEqual, regexMatches, show } from './matchers.js';

/**
 * JSONPath per RFC 9535 (jsonpath-rfc9535: no dependencies, and no script evaluation at
 * all: filters are the RFC's own expression language, so a spec cannot run code).
 */

/** A node a path selected, with its location as a readable path. */
export interface SelectedNode {
  value: unknown;
  at: string;
}

/** Whether a path expression parses. */
export function isValidJsonPath(expression: string): boolean {
  return jsonPathProblem(expression) === undefined;
}

/** The nodes `expression` selects in `value`. */
export function select(value: unknown, expression: string): SelectedNode[] {
  const nodes: SelectedNode[] = [];
  // Undefined is not JSON; a missing result selects nothing.
  if (value === undefined) return nodes;
  exec(value as JsonValue, expression, (node, path) => {
    nodes.push({ value: node, at: formatPath(path) });
  });
  return nodes;
}

function formatPath(path: readonly (string | number)[]): string {
  let out = '$';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(part)) out += `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

/** An assertion on what a path selects (see `PathAssertionSchema`). */
export interface PathChecks {
  path: string;
  equals?: unknown;
  matches?: string | undefined;
  contains?: unknown;
  exists?: boolean | undefined;
  count?: number | undefined;
  schema?: Record<string, unknown> | undefined;
}

/** One failed path check, with the value(s) actually found. */
export interface PathMismatch {
  check: 'equals' | 'matches' | 'contains' | 'exists' | 'count' | 'schema';
  message: string;
  expected: unknown;
  actual: unknown;
}

/** Every check of `assertion` that does not hold on `document`. */
export function checkPath(document: unknown, assertion: PathChecks): PathMismatch[] {
  const nodes = select(document, assertion.path);
  const values = nodes.map((n) => n.value);
  const found = values.length === 1 ? values[0] : values;
  const out: PathMismatch[] = [];
  const nothing = (check: PathMismatch['check'], expected: unknown): PathMismatch => ({
    check,
    message: `${assertion.path} selects nothing`,
    expected,
    actual: '(nothing)',
  });

  if (assertion.exists !== undefined && nodes.length > 0 !== assertion.exists) {
    out.push({
      check: 'exists',
      message: assertion.exists
        ? `${assertion.path} selects nothing`
        : `${assertion.path} selects ${nodes.length} node(s)`,
      expected: assertion.exists ? 'at least one node' : 'nothing',
      actual: nodes.length === 0 ? '(nothing)' : found,
    });
  }
  if (assertion.count !== undefined && nodes.length !== assertion.count) {
    out.push({
      check: 'count',
      message: `${assertion.path} selects ${nodes.length} node(s), not ${assertion.count}`,
      expected: assertion.count,
      actual: nodes.length,
    });
  }
  if ('equals' in assertion && assertion.equals !== undefined) {
    if (nodes.length === 0) out.push(nothing('equals', assertion.equals));
    else if (!deepEqual(found, assertion.equals))
      out.push({
        check: 'equals',
        message: `${nodes.length === 1 ? nodes[0]!.at : assertion.path} is ${show(found, 120)}, expected ${show(assertion.equals, 120)}`,
        expected: assertion.equals,
        actual: found,
      });
  }
  if (assertion.matches !== undefined) {
    if (nodes.length === 0) out.push(nothing('matches', assertion.matches));
    for (const node of nodes) {
      if (!regexMatches(assertion.matches, asText(node.value))) {
        out.push({
          check: 'matches',
          message: `${node.at} does not match ${assertion.matches}`,
          expected: assertion.matches,
          actual: node.value,
        });
      }
    }
  }
  if (assertion.contains !== undefined) {
    if (nodes.length === 0) out.push(nothing('contains', assertion.contains));
    for (const node of nodes) {
      if (!containsValue(node.value, assertion.contains)) {
        out.push({
          check: 'contains',
          message: `${node.at} does not contain ${show(assertion.contains, 120)}`,
          expected: assertion.contains,
          actual: node.value,
        });
      }
    }
  }
  if (assertion.schema !== undefined) {
    if (nodes.length === 0) out.push(nothing('schema', assertion.schema));
    for (const node of nodes) {
      const problems = schemaProblems(assertion.schema, node.value);
      if (problems.length > 0) {
        out.push({
          check: 'schema',
          message: `${node.at} is not valid against the schema: ${problems.join('; ')}`,
          expected: assertion.schema,
          actual: node.value,
        });
      }
    }
  }
  return out;
}

function containsValue(node: unknown, expected: unknown): boolean {
  if (typeof node === 'string') return typeof expected === 'string' && node.includes(expected);
  if (Array.isArray(node)) return node.some((item) => deepEqual(item, expected));
  if (
    typeof node === 'object' &&
    node !== null &&
    typeof expected === 'object' &&
    expected !== null
  )
    return Object.entries(expected).every(([k, v]) =>
      deepEqual((node as Record<string, unknown>)[k], v),
    );
  return false;
}

/** JSON Schema problems of `value`, as `at PATH: message` lines (at most five). */
export function schemaProblems(schema: unknown, value: unknown): string[] {
  const compiled = compileSchema(schema);
  if (!compiled.ok) return [`the schema itself is not usable: ${compiled.message}`];
  const problems = compiled.validate(value).map((p) => `at ${p.path}: ${p.message}`);
  return problems.length > 5
    ? [...problems.slice(0, 5), `… ${problems.length - 5} more`]
    : problems;
}
