import { describe, expect, it } from 'vitest';
import { compareDocuments, DEFAULT_IGNORED_PATHS, strip } from '@mcpscope/protocol/compare';
import { canonicalJson, RecordedExchanges } from '@mcpscope/protocol';

describe('compareDocuments', () => {
  it('finds nothing between equal documents, whatever their key order', () => {
    expect(
      compareDocuments(
        { result: { a: 1, b: [1, { c: 2 }] } },
        { result: { b: [1, { c: 2 }], a: 1 } },
        [],
      ),
    ).toEqual([]);
  });

  it('names each changed, added and removed leaf by its JSONPath', () => {
    expect(
      compareDocuments(
        { result: { content: [{ type: 'text', text: 'Echo: hi' }], gone: 1 } },
        { result: { content: [{ type: 'text', text: 'Echo: ho' }], isError: true } },
        [],
      ),
    ).toEqual([
      { path: '$.result.content[0].text', recorded: 'Echo: hi', actual: 'Echo: ho' },
      { path: '$.result.gone', recorded: 1 },
      { path: '$.result.isError', actual: true },
    ]);
  });

  it('a recorded [REDACTED] matches whatever secret the live response has there', () => {
    const recorded = { result: { text: 'API_TOKEN=[REDACTED] (a.b)' } };
    expect(
      compareDocuments(recorded, { result: { text: 'API_TOKEN=s3cr3t-value (a.b)' } }, []),
    ).toEqual([]);
    expect(
      compareDocuments(recorded, { result: { text: 'API_TOKEN=s3cr3t-value (axb)' } }, []),
    ).toHaveLength(1);
  });

  it('compares a result with an error', () => {
    expect(compareDocuments({ result: {} }, { error: { code: -32601 } }, [])).toEqual([
      { path: '$.result', recorded: {} },
      { path: '$.error', actual: { code: -32601 } },
    ]);
  });

  it('matches listed items by name, so one new tool is one difference', () => {
    const tools = (...names: string[]) => ({ result: { tools: names.map((name) => ({ name })) } });
    expect(compareDocuments(tools('a', 'b', 'c'), tools('a', 'x', 'b', 'c'), [])).toEqual([
      { path: "$.result.tools[?@.name=='x']", actual: { name: 'x' } },
    ]);
    expect(
      compareDocuments(
        { result: { resources: [{ uri: "it's", size: 1 }] } },
        { result: { resources: [{ uri: "it's", size: 2 }] } },
        [],
      ),
    ).toEqual([{ path: "$.result.resources[?@.uri=='it\\'s'].size", recorded: 1, actual: 2 }]);
  });

  it('ignores what the ignore paths select, on both sides', () => {
    const recorded = {
      result: { serverInfo: { name: 's', version: '1.0.0' }, items: [{ timestamp: 1, v: 1 }] },
    };
    const actual = {
      result: { serverInfo: { name: 's', version: '1.0.1' }, items: [{ timestamp: 2, v: 1 }] },
    };
    expect(compareDocuments(recorded, actual, DEFAULT_IGNORED_PATHS)).toEqual([]);
    expect(compareDocuments(recorded, actual, [])).toHaveLength(2);
  });

  it('an ignore path given as a difference path removes that difference', () => {
    const tools = (description: string) => ({
      result: {
        tools: [
          { name: 'echo', description },
          { name: 'add', description: 'x' },
        ],
      },
    });
    const differences = compareDocuments(tools('a'), tools('b'), []);
    expect(differences.map((d) => d.path)).toEqual(["$.result.tools[?@.name=='echo'].description"]);
    expect(compareDocuments(tools('a'), tools('b'), [differences[0]!.path])).toEqual([]);
  });

  it('strip removes a descendant member at every depth, as JSONPath selects it', () => {
    const doc = { a: { timestamp: 1, b: [{ timestamp: 2, c: 3 }] }, timestamp: { timestamp: 4 } };
    expect(strip(doc, ['$..timestamp'])).toEqual({ a: { b: [{ c: 3 }] } });
    // The same as the general evaluator, which a path it cannot shortcut goes through.
    expect(strip(doc, ['$..[?@.c]'])).toEqual({
      a: { timestamp: 1, b: [] },
      timestamp: { timestamp: 4 },
    });
    expect(doc.a.timestamp).toBe(1);
  });

  it('strip removes several elements of one array without shifting the others', () => {
    expect(strip({ a: [0, 1, 2, 3, 4] }, ['$.a[1]', '$.a[3]'])).toEqual({ a: [0, 2, 4] });
    expect(strip({ a: [{ x: 1 }, { x: 2 }, { y: 3 }] }, ['$.a[?@.x]'])).toEqual({
      a: [{ y: 3 }],
    });
  });
});

describe('RecordedExchanges', () => {
  const pool = () => {
    const exchanges = new RecordedExchanges<string>();
    exchanges.add({
      method: 'tools/call',
      params: { name: 'echo', arguments: { m: 'a' } },
      answer: 'A',
    });
    exchanges.add({
      method: 'tools/call',
      params: { name: 'echo', arguments: { m: 'b' } },
      answer: 'B',
    });
    exchanges.add({ method: 'tools/list', params: { _meta: { progressToken: 1 } }, answer: 'L' });
    return exchanges;
  };

  it('matches by method and params first, ignoring key order and the progress token', () => {
    const exchanges = pool();
    expect(
      exchanges.take('tools/call', { arguments: { m: 'b' }, name: 'echo' })?.exchange.answer,
    ).toBe('B');
    expect(exchanges.take('tools/list', { _meta: { progressToken: 7 } })?.exchange.answer).toBe(
      'L',
    );
    expect(exchanges.take('tools/list', undefined)).toBeUndefined();
  });

  it('then by order among the unused requests of the method', () => {
    const exchanges = pool();
    const first = exchanges.take('tools/call', { name: 'echo', arguments: { m: 'z' } });
    expect(first).toMatchObject({ exact: false, exchange: { answer: 'A' } });
    expect(
      exchanges.take('tools/call', { name: 'echo', arguments: { m: 'a' } })?.exchange.answer,
    ).toBe('B');
    expect(exchanges.take('tools/call', { name: 'echo' })).toBeUndefined();
    expect(exchanges.take('prompts/list', {})).toBeUndefined();
  });

  it('reuses an exact match when asked to, and never a same-method one', () => {
    const exchanges = pool();
    expect(exchanges.take('tools/list', {}, { reuse: true })?.exchange.answer).toBe('L');
    expect(exchanges.take('tools/list', {}, { reuse: true })?.exchange.answer).toBe('L');
    expect(
      exchanges.take('tools/call', { name: 'echo', arguments: { m: 'a' } }, { reuse: true })
        ?.exchange.answer,
    ).toBe('A');
    expect(
      exchanges.take('tools/call', { name: 'echo', arguments: { m: 'a' } }, { reuse: true })
        ?.exchange.answer,
    ).toBe('A');
  });

  it('canonicalJson sorts keys at every depth', () => {
    expect(canonicalJson({ b: [{ d: 1, c: 2 }], a: null })).toBe('{"a":null,"b":[{"c":2,"d":1}]}');
  });
});
