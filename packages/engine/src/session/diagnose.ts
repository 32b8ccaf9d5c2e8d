import type { Diagnostic } from '@mcpscope/protocol';
import * as mcp from '@modelcontextprotocol/core';
import type { z } from 'zod';
import { scanHeaderDeclarations, type HeaderDeclaration } from './modern.js';
import { compileSchema } from './schema-validator.js';
import type { Diagnoser, PendingRequestInfo } from './traffic-log.js';
import { own } from '../util/safe-keys.js';

type Schema = z.ZodType;

/** The result each request method must produce, per the MCP schema. */
const RESULT_SCHEMAS: Record<string, Schema> = {
  initialize: mcp.InitializeResultSchema,
  'subscriptions/listen': mcp.SubscriptionsListenResultSchema,
  ping: mcp.EmptyResultSchema,
  'tools/list': mcp.ListToolsResultSchema,
  'tools/call': mcp.CallToolResultSchema,
  'resources/list': mcp.ListResourcesResultSchema,
  'resources/templates/list': mcp.ListResourceTemplatesResultSchema,
  'resources/read': mcp.ReadResourceResultSchema,
  'resources/subscribe': mcp.EmptyResultSchema,
  'resources/unsubscribe': mcp.EmptyResultSchema,
  'prompts/list': mcp.ListPromptsResultSchema,
  'prompts/get': mcp.GetPromptResultSchema,
  'completion/complete': mcp.CompleteResultSchema,
  'logging/setLevel': mcp.EmptyResultSchema,
  'sampling/createMessage': mcp.CreateMessageResultSchema,
  'elicitation/create': mcp.ElicitResultSchema,
  'roots/list': mcp.ListRootsResultSchema,
};

/** Whole-message schemas for requests and notifications the server sends. */
const SERVER_MESSAGE_SCHEMAS: Record<string, Schema> = {
  'sampling/createMessage': mcp.CreateMessageRequestSchema,
  'elicitation/create': mcp.ElicitRequestSchema,
  'roots/list': mcp.ListRootsRequestSchema,
  'notifications/progress': mcp.ProgressNotificationSchema,
  'notifications/message': mcp.LoggingMessageNotificationSchema,
  'notifications/resources/updated': mcp.ResourceUpdatedNotificationSchema,
  'notifications/cancelled': mcp.CancelledNotificationSchema,
  'notifications/tools/list_changed': mcp.ToolListChangedNotificationSchema,
  'notifications/subscriptions/acknowledged': mcp.SubscriptionsAcknowledgedNotificationSchema,
};

// `server/discover` results are not checked here: a legacy server's odd answer to the probe
// is reported once, as a negotiation step, not as a schema violation of a request the user
// never made. A modern server's discover result is read field by field in modern.ts.

/** Methods whose results may be `input_required` in the 2026-07-28 era. */
const INPUT_REQUIRED_METHODS = new Set(['tools/call', 'prompts/get', 'resources/read']);

/** The client capability a server must see declared before it sends each request. */
const NEEDS_CAPABILITY: Record<string, string> = {
  'sampling/createMessage': 'sampling',
  'elicitation/create': 'elicitation',
  'roots/list': 'roots',
};

interface ToolShape {
  inputSchema?: unknown;
  outputSchema?: unknown;
}

/**
 * Checks messages against the MCP schemas, tool arguments against a tool's `inputSchema`
 * and `structuredContent` against its `outputSchema`. Problems become diagnostics on the
 * entry; the message itself is never changed or dropped.
 */
export class MessageChecker {
  /** Tool definitions by name, from the latest `tools/list` results seen. */
  readonly tools = new Map<string, ToolShape>();
  /**
   * Each listed tool's `x-mcp-header` declarations, or why they are invalid (such a tool is
   * excluded from calls in the 2026-07-28 era).
   */
  readonly toolHeaders = new Map<
    string,
    { valid: true; declarations: HeaderDeclaration[] } | { valid: false; reason: string }
  >();
  /** The era the session speaks: modern results carry `resultType`, and may need input. */
  era: 'legacy' | 'modern' = 'legacy';
  /** What the client declared in its initialize request (or discover envelope), once sent. */
  private clientCapabilities: Record<string, unknown> | undefined;

  readonly diagnose: Diagnoser = (entry, request) => {
    const msg = entry.msg as Record<string, unknown>;
    switch (entry.kind) {
      case 'response':
        return request === undefined ? undefined : this.checkResult(request, msg['result']);
      case 'request':
        if (entry.dir === 'c2s') return this.checkClientRequest(msg);
        return [
          ...this.checkServerRequestAllowed(msg['method'] as string),
          ...zodProblems(
            own(SERVER_MESSAGE_SCHEMAS, msg['method'] as string),
            msg,
            '',
            'INVALID_REQUEST',
          ),
        ];
      case 'notification':
        if (entry.dir === 'c2s') return undefined;
        return zodProblems(
          own(SERVER_MESSAGE_SCHEMAS, msg['method'] as string),
          msg,
          '',
          'INVALID_NOTIFICATION',
        );
      default:
        return undefined;
    }
  };

  private checkResult(request: PendingRequestInfo, result: unknown): Diagnostic[] {
    const resultType = (result as { resultType?: unknown } | undefined)?.resultType;
    if (resultType === 'input_required') return this.checkInputRequired(request, result);
    const issues = zodProblems(
      own(RESULT_SCHEMAS, request.method),
      result,
      'result',
      'INVALID_RESULT',
    );
    if (this.era === 'modern' && resultType === undefined && typeof result === 'object') {
      issues.push({
        severity: 'warning',
        code: 'MISSING_RESULT_TYPE',
        message: 'a 2026-07-28 result must carry resultType ("complete" for a final result)',
        path: 'result.resultType',
      });
    }
    if (request.method === 'tools/list') issues.push(...this.learnTools(result));
    if (request.method === 'tools/call')
      issues.push(...this.checkToolResult(request.params, result));
    return issues;
  }

  private checkInputRequired(request: PendingRequestInfo, result: unknown): Diagnostic[] {
    const issues: Diagnostic[] = [];
    if (!INPUT_REQUIRED_METHODS.has(request.method)) {
      issues.push({
        severity: 'error',
        code: 'UNEXPECTED_INPUT_REQUIRED',
        message: `${request.method} may not answer input_required (only tools/call, prompts/get and resources/read may)`,
        path: 'result.resultType',
      });
    }
    if (this.era !== 'modern') {
      issues.push({
        severity: 'error',
        code: 'UNEXPECTED_INPUT_REQUIRED',
        message:
          'an input_required result in a session that opened with initialize: before 2026-07-28 a server asks with a server-to-client request',
        path: 'result.resultType',
      });
    }
    const r = result as { inputRequests?: unknown; requestState?: unknown };
    if (r.inputRequests === undefined && r.requestState === undefined) {
      issues.push({
        severity: 'error',
        code: 'INVALID_INPUT_REQUIRED',
        message: 'an input_required result must carry inputRequests, requestState or both',
        path: 'result',
      });
    }
    if (r.requestState !== undefined && typeof r.requestState !== 'string') {
      issues.push({
        severity: 'error',
        code: 'INVALID_INPUT_REQUIRED',
        message: 'requestState must be a string (opaque to the client)',
        path: 'result.requestState',
      });
    }
    return issues;
  }

  private learnTools(result: unknown): Diagnostic[] {
    const tools = (result as { tools?: unknown })?.tools;
    if (!Array.isArray(tools)) return [];
    const issues: Diagnostic[] = [];
    tools.forEach((tool: Record<string, unknown>, i) => {
      if (typeof tool?.['name'] !== 'string') return;
      this.tools.set(tool['name'], {
        inputSchema: tool['inputSchema'],
        outputSchema: tool['outputSchema'],
      });
      const headers = scanHeaderDeclarations(tool['inputSchema']);
      this.toolHeaders.set(tool['name'], headers);
      if (!headers.valid) {
        issues.push({
          severity: this.era === 'modern' ? 'error' : 'warning',
          code: 'INVALID_TOOL_HEADER',
          message: `tool "${tool['name']}" is excluded from calls: ${headers.reason}`,
          path: `result.tools.${i}.inputSchema`,
        });
      }
      for (const key of ['inputSchema', 'outputSchema'] as const) {
        const schema = tool[key] as Record<string, unknown> | undefined;
        if (schema === undefined) continue;
        if (typeof schema !== 'object' || schema === null || schema['type'] !== 'object') {
          issues.push({
            severity: 'error',
            code: key === 'inputSchema' ? 'INVALID_INPUT_SCHEMA' : 'INVALID_OUTPUT_SCHEMA',
            message: `tool "${tool['name']}": ${key} must be a JSON Schema with "type": "object"`,
            path: `result.tools.${i}.${key}`,
          });
        }
      }
    });
    return issues;
  }

  /** A server may only ask for what the client declared (spec: capability negotiation). */
  private checkServerRequestAllowed(method: string): Diagnostic[] {
    const capability = own(NEEDS_CAPABILITY, method);
    if (capability !== undefined) {
      if (this.clientCapabilities === undefined || capability in this.clientCapabilities) return [];
      return [
        {
          severity: 'error',
          code: 'UNDECLARED_CAPABILITY',
          message: `the server sent ${method}, but the client did not declare the ${capability} capability`,
        },
      ];
    }
    if (method === 'ping' || own(SERVER_MESSAGE_SCHEMAS, method) !== undefined) return [];
    return [
      {
        severity: 'warning',
        code: 'UNKNOWN_METHOD',
        message: `${method} is not a request MCP lets a server send to a client`,
      },
    ];
  }

  private checkClientRequest(msg: Record<string, unknown>): Diagnostic[] | undefined {
    if (msg['method'] === 'initialize') {
      const params = msg['params'] as { capabilities?: Record<string, unknown> } | undefined;
      this.clientCapabilities = params?.capabilities ?? {};
      return undefined;
    }
    if (msg['method'] === 'server/discover') {
      const meta = (msg['params'] as { _meta?: Record<string, unknown> } | undefined)?._meta;
      const declared = meta?.['io.modelcontextprotocol/clientCapabilities'];
      if (typeof declared === 'object' && declared !== null)
        this.clientCapabilities = declared as Record<string, unknown>;
      return undefined;
    }
    if (msg['method'] !== 'tools/call') return undefined;
    const params = msg['params'] as { name?: unknown; arguments?: unknown } | undefined;
    const tool = typeof params?.name === 'string' ? this.tools.get(params.name) : undefined;
    if (tool?.inputSchema === undefined) return undefined;
    return schemaProblems(
      tool.inputSchema,
      params?.arguments ?? {},
      'params.arguments',
      'ARGUMENTS_MISMATCH',
      "arguments do not match the tool's inputSchema",
    );
  }

  private checkToolResult(params: unknown, result: unknown): Diagnostic[] {
    const name = (params as { name?: unknown } | undefined)?.name;
    const tool = typeof name === 'string' ? this.tools.get(name) : undefined;
    const r = result as { structuredContent?: unknown; isError?: unknown } | undefined;
    if (tool?.outputSchema === undefined || r?.isError === true) return [];
    if (r?.structuredContent === undefined) {
      return [
        {
          severity: 'error',
          code: 'OUTPUT_SCHEMA_MISMATCH',
          message: `tool "${String(name)}" declares an outputSchema but the result has no structuredContent`,
          path: 'result.structuredContent',
        },
      ];
    }
    return schemaProblems(
      tool.outputSchema,
      r.structuredContent,
      'result.structuredContent',
      'OUTPUT_SCHEMA_MISMATCH',
      "structuredContent does not match the tool's outputSchema",
    );
  }
}

function schemaProblems(
  schema: unknown,
  value: unknown,
  base: string,
  code: string,
  what: string,
): Diagnostic[] {
  const compiled = compileSchema(schema);
  if (!compiled.ok) {
    return [
      {
        severity: 'warning',
        code: 'SCHEMA_NOT_COMPILABLE',
        message: `could not compile the schema: ${compiled.message}`,
      },
    ];
  }
  return compiled.validate(value).map((p) => ({
    severity: 'error' as const,
    code,
    message: `${what}: at ${p.path}: ${p.message}`,
    path: p.path === '(root)' ? base : `${base}.${p.path}`,
  }));
}

function zodProblems(
  schema: Schema | undefined,
  value: unknown,
  base: string,
  code: string,
): Diagnostic[] {
  if (schema === undefined) return [];
  const parsed = schema.safeParse(value);
  if (parsed.success) return [];
  return parsed.error.issues.slice(0, 20).map((issue) => {
    const path = [base, ...issue.path.map(String)].filter((p) => p !== '').join('.');
    return {
      severity: 'error' as const,
      code,
      message: `${path || '(message)'}: ${issue.message}`,
      path,
    };
  });
}
