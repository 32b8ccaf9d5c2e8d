import { ClientCommandSchema } from '@mcpscope/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastCommand } from '../../src/server/fast-command.js';

// The fast path must never accept what the schema refuses, nor accept something in another
// shape than the schema would produce; and it must take the common valid request, or it
// would be dead weight. Frames are generated as JSON and parsed, as they arrive.

const edgyString = fc.oneof(
  fc.string({ minLength: 0, maxLength: 3 }),
  fc.string({ minLength: 98, maxLength: 102 }),
  fc.string(),
  fc.constant('x'.repeat(100)),
  fc.constant('x'.repeat(101)),
);
const anyJson = fc.jsonValue({ maxDepth: 2 });
const field = <T>(value: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.option(value, { nil: undefined, freq: 4 });

const validRequest = fc
  .record(
    {
      type: fc.constant('request'),
      id: fc.string({ minLength: 1, maxLength: 100 }),
      sessionId: fc.string({ minLength: 1, maxLength: 100 }),
      method: fc.string({ minLength: 1 }),
      params: field(fc.dictionary(fc.string(), anyJson)),
      timeoutMs: field(fc.integer({ min: 1 })),
    },
    { requiredKeys: ['type', 'id', 'sessionId', 'method'] },
  )
  .map((value) => JSON.parse(JSON.stringify(value)) as unknown);

const randomFrame = fc
  .record(
    {
      type: fc.oneof(fc.constant('request'), fc.constant('notify'), anyJson),
      id: fc.oneof(edgyString, anyJson),
      sessionId: fc.oneof(edgyString, anyJson),
      method: fc.oneof(edgyString, anyJson),
      params: field(fc.oneof(fc.dictionary(fc.string(), anyJson), anyJson)),
      timeoutMs: field(
        fc.oneof(
          fc.integer(),
          fc.double(),
          fc.constant(0),
          fc.constant(2 ** 53),
          fc.constant(1e300),
          anyJson,
        ),
      ),
      extra: field(anyJson),
    },
    { requiredKeys: [] },
  )
  .map((value) => JSON.parse(JSON.stringify(value)) as unknown);

/** Mostly random frames, some valid requests, some valid requests with one field broken. */
const frame = fc.oneof(
  randomFrame,
  validRequest,
  fc
    .tuple(validRequest, randomFrame)
    .map(([valid, random]) => ({ ...(valid as object), ...(random as object) })),
);

describe('fastCommand, the hand-checked `request` command', () => {
  it('accepts only what ClientCommandSchema accepts, exactly as the schema returns it', () => {
    let accepted = 0;
    fc.assert(
      fc.property(frame, (data) => {
        const fast = fastCommand(data);
        if (fast === undefined) return;
        accepted++;
        const parsed = ClientCommandSchema.safeParse(data);
        expect(parsed.success, JSON.stringify(data)).toBe(true);
        expect(parsed.data).toEqual(fast);
      }),
      { numRuns: 5000, seed: 20261122 },
    );
    // Random frames are mostly invalid; some must get through, or this proves nothing.
    expect(accepted).toBeGreaterThan(500);
  });

  it('takes every valid request without unknown keys (or a `__proto__` key in params)', () => {
    const plain = validRequest.filter(
      (data) => !Object.hasOwn((data as { params?: object }).params ?? {}, '__proto__'),
    );
    fc.assert(
      fc.property(plain, (data) => {
        expect(ClientCommandSchema.safeParse(data).success).toBe(true);
        expect(fastCommand(data)).toBe(data);
      }),
      { numRuns: 2000, seed: 20261122 },
    );
  });

  it('leaves a request with an unknown key, and every other command, to the schema', () => {
    const request = { type: 'request', id: 'c1', sessionId: 's', method: 'tools/list' };
    expect(fastCommand(request)).toBe(request);
    expect(fastCommand({ ...request, extra: 1 })).toBeUndefined();
    expect(fastCommand(JSON.parse('{"type":"request","__proto__":{"x":1}}'))).toBeUndefined();
    expect(fastCommand({ type: 'notify', id: 'c2', sessionId: 's', method: 'x' })).toBeUndefined();
    expect(fastCommand([request])).toBeUndefined();
  });
});
