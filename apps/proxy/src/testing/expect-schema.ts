import { z } from 'zod';
import { jsonPathProblem } from '@mcpscope/protocol/compare';
import { isValidJsonPath } from '../common/jsonpath.js';
import { parseRegex } from '../common/matchers.js';

/**
 * The expectations of spec steps and the small schemas they share (durations, regexes,
 * text checks, JSONPath assertions). Part of the spec format of spec-schema.ts.
 */

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m)?$/;

/** Milliseconds as a number, or a string such as `"500ms"`, `"2s"`, `"1.5m"`. */
const DURATION_HELP =
  'expected a duration: milliseconds (500) or a string such as "500ms", "2s", "1m"';

export const DurationSchema = z
  .union([z.number().positive(), z.string().regex(DURATION, DURATION_HELP)], {
    error: DURATION_HELP,
  })
  .transform((value) => {
    if (typeof value === 'number') return value;
    const [, amount, unit] = DURATION.exec(value)!;
    return Number(amount) * (unit === 's' ? 1000 : unit === 'm' ? 60_000 : 1);
  })
  .meta({
    id: 'Duration',
    description: 'Milliseconds (500), or a string with a unit: "500ms", "2s", "1m".',
  });

/** A regular expression: `"pattern"` or `"/pattern/flags"`, in JavaScript syntax. */
const RegexSchema = z
  .string()
  .refine((s) => parseRegex(s).ok, {
    error: (issue) => {
      const parsed = parseRegex(issue.input as string);
      return parsed.ok ? 'invalid regular expression' : parsed.message;
    },
  })
  .meta({
    id: 'Regex',
    description: 'A JavaScript regular expression: "pattern" or "/pattern/flags".',
  });

export const oneOrMany = <T extends z.ZodType>(schema: T) =>
  z.union([schema, z.array(schema).min(1)]);

/** Checks on a piece of text. Every check given must hold. */
export const TextMatcherSchema = z
  .strictObject({
    equals: z.string().optional().meta({ description: 'The whole text, exactly.' }),
    contains: oneOrMany(z.string())
      .optional()
      .meta({ description: 'Substrings the text must contain (all of them).' }),
    notContains: oneOrMany(z.string())
      .optional()
      .meta({ description: 'Substrings the text must not contain.' }),
    matches: oneOrMany(RegexSchema)
      .optional()
      .meta({ description: 'Regular expressions the text must match (all of them).' }),
  })
  .meta({ id: 'TextMatcher', description: 'Checks on text; every check given must hold.' });

export const JsonSchemaObject = z.record(z.string(), z.unknown()).meta({
  id: 'JsonSchema',
  description: 'A JSON Schema (2020-12 unless "$schema" names an older draft).',
});

/** An assertion on the nodes a JSONPath (RFC 9535) selects. */
export const PathAssertionSchema = z
  .strictObject({
    path: z
      .string()
      .refine(isValidJsonPath, {
        error: (issue) => jsonPathProblem(issue.input as string) ?? 'not a valid JSONPath',
      })
      .meta({ description: 'A JSONPath (RFC 9535) such as "$.content[0].text".' }),
    equals: z.unknown().optional().meta({
      description:
        'Deep equality with the selected node; with several nodes, with the array of them.',
    }),
    matches: RegexSchema.optional().meta({
      description: 'Every selected node (as text, JSON for non-strings) matches.',
    }),
    contains: z.unknown().optional().meta({
      description:
        'A string node contains this substring; an array node contains an element equal to this; an object node has these keys with these values.',
    }),
    exists: z.boolean().optional().meta({ description: 'Whether the path selects anything.' }),
    count: z.number().int().min(0).optional().meta({ description: 'How many nodes it selects.' }),
    schema: JsonSchemaObject.optional().meta({
      description: 'Every selected node is valid against this JSON Schema.',
    }),
  })
  .meta({ id: 'PathAssertion', description: 'An assertion on what a JSONPath selects.' });

const Count = z.number().int().min(0);

/** How many times something must happen: exactly `count`, or between `min` and `max`. */
const CountFields = {
  count: Count.optional().meta({ description: 'Exactly this many.' }),
  min: Count.optional().meta({ description: 'At least this many (default 1).' }),
  max: Count.optional().meta({ description: 'At most this many.' }),
};

const LOG_LEVELS = [
  'debug',
  'info',
  'notice',
  'warning',
  'error',
  'critical',
  'alert',
  'emergency',
] as const;

export const LogExpectationSchema = z
  .strictObject({
    ...CountFields,
    level: oneOrMany(z.enum(LOG_LEVELS))
      .optional()
      .meta({ description: 'The level, or any of these levels.' }),
    logger: z.string().optional(),
    contains: oneOrMany(z.string())
      .optional()
      .meta({ description: 'The data (as text) contains this.' }),
    matches: RegexSchema.optional().meta({ description: 'The data (as text) matches this.' }),
  })
  .meta({ description: 'notifications/message (log messages) the server sends during the step.' });

export const NotificationExpectationSchema = z
  .strictObject({
    method: z.string().min(1).meta({ description: 'e.g. notifications/resources/updated' }),
    ...CountFields,
    params: z.array(PathAssertionSchema).optional().meta({
      description: 'Only notifications whose params pass these assertions count.',
    }),
  })
  .meta({ description: 'Notifications of one method the server sends during the step.' });

export const ServerRequestExpectationSchema = z
  .strictObject({
    method: z
      .string()
      .min(1)
      .meta({ description: 'sampling/createMessage, elicitation/create, roots/list, …' }),
    ...CountFields,
  })
  .meta({ description: 'Requests the server sends to the client during the step.' });

const ListKind = z.enum(['tools', 'resources', 'prompts']);

/** What a step's outcome must look like. Every expectation given must hold. */
export const ExpectSchema = z
  .strictObject({
    ok: z.boolean().optional().meta({
      description:
        'true (the default when no error or isError is expected): a result, not a JSON-RPC error, and not isError. false: either kind of failure.',
    }),
    isError: z
      .boolean()
      .optional()
      .meta({ description: 'call steps: the tool result has (or lacks) isError: true.' }),
    error: z
      .strictObject({
        code: z.number().int().optional().meta({ description: 'The JSON-RPC error code.' }),
        message: TextMatcherSchema.optional(),
      })
      .optional()
      .meta({ description: 'The server answers with a JSON-RPC error (with this code).' }),
    text: TextMatcherSchema.optional().meta({
      description:
        'The text of the result: text content blocks (call), text contents (read), message text (prompt), values (complete), names (list).',
    }),
    result: z
      .array(PathAssertionSchema)
      .optional()
      .meta({ description: 'JSONPath assertions on the result.' }),
    structuredContent: z
      .array(PathAssertionSchema)
      .optional()
      .meta({ description: "call steps: JSONPath assertions on the result's structuredContent." }),
    schema: JsonSchemaObject.optional().meta({
      description:
        'The result (structuredContent for call steps that have it) is valid against this JSON Schema.',
    }),
    outputSchema: z.boolean().optional().meta({
      description: "call steps: structuredContent conforms to the tool's own outputSchema.",
    }),
    maxLatency: DurationSchema.optional().meta({
      description: 'The latency budget: the response arrives within this time.',
    }),
    includes: z.array(z.string()).optional().meta({
      description:
        'list steps: these names (tools, prompts), URIs or names (resources), URI templates or names (templates) are listed. complete steps: these values are offered.',
    }),
    excludes: z
      .array(z.string())
      .optional()
      .meta({ description: 'list and complete steps: these are not listed or offered.' }),
    progress: z
      .union([Count, z.strictObject(CountFields)])
      .optional()
      .meta({ description: 'notifications/progress for this request: exactly N, or {min, max}.' }),
    log: oneOrMany(LogExpectationSchema).optional(),
    listChanged: oneOrMany(ListKind)
      .optional()
      .meta({ description: 'notifications/{tools,resources,prompts}/list_changed arrive.' }),
    notifications: z.array(NotificationExpectationSchema).optional(),
    serverRequests: z.array(ServerRequestExpectationSchema).optional(),
  })
  .meta({
    id: 'Expect',
    description: "What the step's outcome must look like. Every expectation must hold.",
  });

export type Expect = z.infer<typeof ExpectSchema>;
export type TextMatcher = z.infer<typeof TextMatcherSchema>;
export type PathAssertion = z.infer<typeof PathAssertionSchema>;
export type LogExpectation = z.infer<typeof LogExpectationSchema>;
