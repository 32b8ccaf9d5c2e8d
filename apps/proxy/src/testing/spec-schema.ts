import { z } from 'zod';
import { DurationSchema, ExpectSchema, type Expect } from './expect-schema.js';

/**
 * The `mcpscope test` spec format (with expect-schema.ts). The single source of truth: the loader
 * validates with it, the runner's types come from it, and docs/testing.schema.json is
 * generated from it (`pnpm --filter mcpscope gen:spec-schema`).
 */

/** How the client answers the server's requests. */
export const ClientAnswersSchema = z
  .strictObject({
    sampling: z
      .union([
        z.strictObject({
          text: z.string().meta({ description: 'The assistant message text.' }),
          model: z.string().optional(),
        }),
        z.strictObject({
          result: z.record(z.string(), z.unknown()).meta({
            description: 'A whole CreateMessageResult (role, content, model, stopReason).',
          }),
        }),
      ])
      .optional()
      .meta({ description: 'Answers sampling/createMessage. Declares the sampling capability.' }),
    elicitation: z
      .strictObject({
        action: z.enum(['accept', 'decline', 'cancel']),
        content: z.record(z.string(), z.unknown()).optional().meta({
          description: "accept: the values; fields not given take the requested schema's defaults.",
        }),
      })
      .optional()
      .meta({ description: 'Answers elicitation/create. Declares the elicitation capability.' }),
    roots: z
      .array(
        z.union([
          z.string().min(1).meta({ description: 'A path (relative to the spec file) or a URI.' }),
          z.strictObject({ uri: z.string().min(1), name: z.string().optional() }),
        ]),
      )
      .optional()
      .meta({ description: 'Answers roots/list. Declares the roots capability.' }),
  })
  .meta({
    id: 'ClientAnswers',
    description:
      'How the client answers requests from the server. A capability is declared when the spec answers it anywhere.',
  });

const StepCommon = {
  name: z.string().optional().meta({ description: 'A label for reports.' }),
  timeout: DurationSchema.optional().meta({
    description: 'Time allowed without a response or progress notification.',
  }),
  notificationTimeout: DurationSchema.optional().meta({
    description:
      'How long to wait after the response for expected notifications and server requests (default 2s); ends as soon as all have arrived.',
  }),
  client: ClientAnswersSchema.optional(),
  expect: ExpectSchema.optional(),
};

const Arguments = z.record(z.string(), z.unknown());
const StringArguments = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean()]).transform(String),
);

export const ListStepSchema = z
  .strictObject({
    list: z.enum(['tools', 'resources', 'templates', 'prompts']).meta({
      description:
        'tools/list, resources/list, resources/templates/list or prompts/list (every page).',
    }),
    ...StepCommon,
  })
  .meta({
    id: 'ListStep',
    title: 'list',
    description: 'List tools, resources, resource templates or prompts.',
  });

export const CallStepSchema = z
  .strictObject({
    call: z.string().min(1).meta({ description: 'The tool name.' }),
    arguments: Arguments.optional(),
    ...StepCommon,
  })
  .meta({ id: 'CallStep', title: 'call', description: 'Call a tool (tools/call).' });

export const ReadStepSchema = z
  .strictObject({
    read: z.string().min(1).meta({ description: 'The resource URI.' }),
    ...StepCommon,
  })
  .meta({ id: 'ReadStep', title: 'read', description: 'Read a resource (resources/read).' });

export const PromptStepSchema = z
  .strictObject({
    prompt: z.string().min(1).meta({ description: 'The prompt name.' }),
    arguments: StringArguments.optional(),
    ...StepCommon,
  })
  .meta({ id: 'PromptStep', title: 'prompt', description: 'Get a prompt (prompts/get).' });

export const CompleteStepSchema = z
  .strictObject({
    complete: z
      .strictObject({
        prompt: z.string().min(1).optional().meta({ description: 'Complete a prompt argument.' }),
        resource: z
          .string()
          .min(1)
          .optional()
          .meta({ description: 'Complete a variable of this resource template.' }),
        argument: z.string().min(1).meta({ description: 'The argument being completed.' }),
        value: z.string().default('').meta({ description: 'What is typed so far.' }),
        context: StringArguments.optional().meta({
          description: 'Arguments already chosen.',
        }),
      })
      .refine((c) => (c.prompt === undefined) !== (c.resource === undefined), {
        error: 'give exactly one of "prompt" or "resource" to say what to complete',
      }),
    ...StepCommon,
  })
  .meta({
    id: 'CompleteStep',
    title: 'complete',
    description: 'Complete an argument (completion/complete).',
  });

export const RequestStepSchema = z
  .strictObject({
    request: z.string().min(1).meta({ description: 'Any method, e.g. ping.' }),
    params: Arguments.optional(),
    ...StepCommon,
  })
  .meta({ id: 'RequestStep', title: 'request', description: 'Send any request.' });

export const NotifyStepSchema = z
  .strictObject({
    notify: z
      .string()
      .min(1)
      .meta({ description: 'A notification method, e.g. notifications/roots/list_changed.' }),
    params: Arguments.optional(),
    ...StepCommon,
  })
  .meta({
    id: 'NotifyStep',
    title: 'notify',
    description: 'Send a notification; expectations see what follows.',
  });

export const SNAPSHOT_KINDS = ['tools', 'resources', 'templates', 'prompts'] as const;

export const SnapshotStepSchema = z
  .strictObject({
    snapshot: z.union([z.literal('surface'), z.array(z.enum(SNAPSHOT_KINDS)).min(1)]).meta({
      description:
        '"surface" (every kind the server declares) or a list of tools, resources, templates, prompts.',
    }),
    ...StepCommon,
  })
  .meta({
    id: 'SnapshotStep',
    title: 'snapshot',
    description:
      "Compare the server's definitions with the stored snapshot (--update-snapshots writes it).",
  });

/** One step. Which kind it is follows from its one kind key (`call`, `list`, …). */
export const StepSchema = z
  .union([
    ListStepSchema,
    CallStepSchema,
    ReadStepSchema,
    PromptStepSchema,
    CompleteStepSchema,
    RequestStepSchema,
    NotifyStepSchema,
    SnapshotStepSchema,
  ])
  .superRefine(checkExpectationsFit);

/** `auto`, `legacy` or a revision date: the same choice as `--protocol-version`. */
const ProtocolVersionSchema = z
  .union([
    z.enum(['auto', 'legacy']),
    z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected auto, legacy or a date such as 2026-07-28'),
  ])
  .meta({
    description:
      "Which era and version to speak, as --protocol-version: auto (probe with server/discover, fall back to initialize; the default), legacy (initialize only), or a revision date to pin (a legacy date is offered in initialize; 2026-07-28 or later must be in server/discover's supportedVersions).",
  });

const StdioServerSchema = z
  .strictObject({
    command: z.union([z.string().min(1), z.array(z.string()).min(1)]).meta({
      description:
        'The program, or the whole command line (split on spaces, quotes respected), or a list of words.',
    }),
    args: z.array(z.string()).optional(),
    env: z.record(z.string(), z.string()).optional().meta({
      description: 'Added to a minimal inherited environment (PATH, HOME, …).',
    }),
    cwd: z
      .string()
      .optional()
      .meta({ description: 'Relative to the spec file; default its folder.' }),
    protocolVersion: ProtocolVersionSchema.optional(),
  })
  .meta({ title: 'stdio server' });

const HttpServerSchema = z
  .strictObject({
    url: z.string().regex(/^https?:\/\//i, 'expected an http:// or https:// URL'),
    transport: z.enum(['http', 'sse']).optional().meta({
      description:
        'http (Streamable HTTP) or sse (legacy). Default: sse when the path ends in /sse, else http with fallback to sse.',
    }),
    headers: z.record(z.string(), z.string()).optional(),
    protocolVersion: ProtocolVersionSchema.optional(),
  })
  .meta({ title: 'HTTP server' });

const ConfigServerSchema = z
  .strictObject({
    config: z.string().min(1).meta({
      description:
        'An mcpServers (Claude Desktop, Cursor) or VS Code mcp.json file, relative to the spec file.',
    }),
    server: z
      .string()
      .optional()
      .meta({ description: 'Which server of the file (optional if one).' }),
    env: z.record(z.string(), z.string()).optional().meta({ description: 'stdio: added env.' }),
    headers: z
      .record(z.string(), z.string())
      .optional()
      .meta({ description: 'HTTP: added headers.' }),
    protocolVersion: ProtocolVersionSchema.optional(),
  })
  .meta({ title: 'server from a config file' });

/** How to reach a server: a command line or URL, or an object. */
export const ServerDefSchema = z
  .union([
    z.string().min(1).meta({ description: 'A URL, or a command line.' }),
    StdioServerSchema,
    HttpServerSchema,
    ConfigServerSchema,
  ])
  .meta({ id: 'Server', description: 'The server under test.' });

export const TestSchema = z
  .strictObject({
    name: z.string().min(1),
    server: z
      .string()
      .optional()
      .meta({ description: 'Which of "servers" (when there are several).' }),
    skip: z
      .union([z.boolean(), z.string()])
      .optional()
      .meta({ description: 'true, or the reason: reported as skipped.' }),
    timeout: DurationSchema.optional().meta({ description: "The default of this test's steps." }),
    client: ClientAnswersSchema.optional(),
    steps: z.array(StepSchema).min(1),
  })
  .meta({
    id: 'Test',
    description: 'A test case: steps run in order; the first failing step ends it.',
  });

const SpecObjectSchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal(1).optional().meta({ description: 'The spec format version.' }),
  name: z.string().optional().meta({ description: 'Default: the file name.' }),
  server: ServerDefSchema.optional(),
  servers: z
    .record(z.string(), ServerDefSchema)
    .optional()
    .meta({ description: 'Several servers by name; each test names its "server".' }),
  timeout: DurationSchema.optional().meta({
    description: 'Default step timeout (default 30s, or --timeout).',
  }),
  connectTimeout: DurationSchema.optional().meta({
    description: 'Time allowed to start each server and finish the handshake (default 30s).',
  }),
  protocolVersion: ProtocolVersionSchema.optional().meta({
    description:
      'The default of every server that sets none: auto, legacy, or a revision date to pin (as --protocol-version).',
  }),
  strict: z.boolean().optional().meta({
    description:
      "Fail a step when the server's messages violate the MCP schema or a tool's outputSchema.",
  }),
  client: ClientAnswersSchema.optional(),
  tests: z.array(TestSchema).min(1),
});

export const SpecSchema = SpecObjectSchema.superRefine(checkSpec).meta({
  title: 'mcpscope test spec',
  description: 'Assertions on an MCP server, run by `mcpscope test`. See docs/testing.md.',
});

export {
  DurationSchema,
  type Expect,
  type LogExpectation,
  type PathAssertion,
  type TextMatcher,
} from './expect-schema.js';

export type Spec = z.infer<typeof SpecSchema>;
export type TestCase = z.infer<typeof TestSchema>;
export type Step = z.infer<typeof StepSchema>;
export type ClientAnswers = z.infer<typeof ClientAnswersSchema>;
export type ServerDef = z.infer<typeof ServerDefSchema>;
export type SnapshotKind = (typeof SNAPSHOT_KINDS)[number];

/** The kind of a step, from its kind key. */
export type StepKind =
  'list' | 'call' | 'read' | 'prompt' | 'complete' | 'request' | 'notify' | 'snapshot';

/** Which kind a validated step is. */
export function stepKind(step: Step): StepKind {
  if ('list' in step) return 'list';
  if ('call' in step) return 'call';
  if ('read' in step) return 'read';
  if ('prompt' in step) return 'prompt';
  if ('complete' in step) return 'complete';
  if ('request' in step) return 'request';
  if ('notify' in step) return 'notify';
  return 'snapshot';
}

/** Expectations that only make sense for some kinds of step. */
const ONLY_FOR: Partial<Record<keyof Expect, readonly StepKind[]>> = {
  isError: ['call'],
  structuredContent: ['call'],
  outputSchema: ['call'],
  includes: ['list', 'complete'],
  excludes: ['list', 'complete'],
};

/** Expectations a notify or snapshot step can have (it has no response to look at). */
const NO_RESPONSE_OK = new Set<string>(['notifications', 'serverRequests', 'log', 'listChanged']);

function checkExpectationsFit(step: Step, ctx: z.RefinementCtx): void {
  const expect = step.expect;
  if (expect === undefined) return;
  const kind = stepKind(step);
  for (const key of Object.keys(expect) as (keyof Expect)[]) {
    const allowed = ONLY_FOR[key];
    const fits =
      kind === 'notify' || kind === 'snapshot'
        ? NO_RESPONSE_OK.has(key) || (kind === 'snapshot' && key === 'maxLatency')
        : allowed === undefined || allowed.includes(kind);
    if (!fits) {
      ctx.addIssue({
        params: { atKey: true },
        code: 'custom',
        path: ['expect', key],
        message: `"${key}" does not apply to a ${kind} step${allowed === undefined ? '' : ` (only to ${allowed.join(' and ')} steps)`}`,
      });
    }
  }
  if (expect.ok === true && (expect.error !== undefined || expect.isError === true)) {
    ctx.addIssue({
      params: { atKey: true },
      code: 'custom',
      path: ['expect', 'ok'],
      message: 'ok: true contradicts the error or isError expectation',
    });
  }
  if (expect.error !== undefined && expect.isError !== undefined) {
    ctx.addIssue({
      params: { atKey: true },
      code: 'custom',
      path: ['expect', 'isError'],
      message: 'a step cannot expect both a JSON-RPC error and a tool result (isError); pick one',
    });
  }
}

function checkSpec(spec: z.infer<typeof SpecObjectSchema>, ctx: z.RefinementCtx): void {
  const names = spec.servers === undefined ? [] : Object.keys(spec.servers);
  if (spec.server === undefined && spec.servers === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: [],
      message: 'missing "server": say which server to test (a command line, a URL or an object)',
    });
  }
  if (spec.server !== undefined && spec.servers !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['servers'],
      message: 'give either "server" or "servers", not both',
    });
  }
  if (spec.servers !== undefined && names.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['servers'], message: '"servers" names no server' });
  }
  const seen = new Map<string, number>();
  spec.tests.forEach((test, i) => {
    const before = seen.get(test.name);
    if (before !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['tests', i, 'name'],
        message: `another test is already named "${test.name}" (tests[${before}]); reports identify tests by name`,
      });
    }
    seen.set(test.name, i);
    if (test.server !== undefined && !names.includes(test.server)) {
      ctx.addIssue({
        code: 'custom',
        path: ['tests', i, 'server'],
        message:
          names.length === 0
            ? `"server: ${test.server}" names a server, but the spec has no "servers" map`
            : `no server named "${test.server}" in "servers" (it has: ${names.join(', ')})`,
      });
    }
    if (test.server === undefined && names.length > 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['tests', i],
        message: `the spec has several servers; say which this test uses with "server:" (${names.join(', ')})`,
      });
    }
  });
}
