import { describe, expect, it } from 'vitest';
import { nextCursorOf, walkPages } from '../src/pagination.js';

type Ok = { ok: true; result: unknown };
type Failed = { ok: false; code: string };

/** A server whose pages are `pages`, each naming the next by index; records the cursors asked. */
function server(pages: unknown[]): {
  fetch: (c: string | undefined) => Promise<Ok | Failed>;
  asked: (string | undefined)[];
} {
  const asked: (string | undefined)[] = [];
  return {
    asked,
    fetch: (cursor) => {
      asked.push(cursor);
      const page = pages[cursor === undefined ? 0 : Number(cursor)];
      return Promise.resolve(
        page === 'fail' ? { ok: false, code: 'RPC_ERROR' } : { ok: true, result: page },
      );
    },
  };
}

describe('walkPages', () => {
  it('follows cursors to the end and gathers the items', async () => {
    const s = server([
      { tools: [1, 2], nextCursor: '1' },
      { tools: [3], nextCursor: '2' },
      { tools: [4] },
    ]);
    const walk = await walkPages<Ok, Failed>(s.fetch, { itemsField: 'tools' });
    expect(walk).toMatchObject({ ok: true, items: [1, 2, 3, 4], pages: 3, nextCursor: undefined });
    expect(s.asked).toEqual([undefined, '1', '2']);
  });

  it('stops at a cursor already seen, at maxPages (keeping the next cursor), and at a failure', async () => {
    const loop = server([
      { tools: [1], nextCursor: '1' },
      { tools: [2], nextCursor: '1' },
    ]);
    expect(await walkPages<Ok, Failed>(loop.fetch, { itemsField: 'tools' })).toMatchObject({
      ok: true,
      items: [1, 2],
      pages: 2,
    });
    const one = server([{ tools: [1], nextCursor: '1' }, { tools: [2] }]);
    expect(
      await walkPages<Ok, Failed>(one.fetch, { itemsField: 'tools', maxPages: 1 }),
    ).toMatchObject({ nextCursor: '1', pages: 1 });
    const more = await walkPages<Ok, Failed>(one.fetch, { itemsField: 'tools', from: '1' });
    expect(more).toMatchObject({ ok: true, items: [2] });
    const failing = server([{ tools: [1], nextCursor: '1' }, 'fail']);
    expect(await walkPages<Ok, Failed>(failing.fetch, { itemsField: 'tools' })).toMatchObject({
      ok: false,
      failure: { code: 'RPC_ERROR' },
      items: [1],
      pages: 1,
    });
  });

  it('treats an empty or non-string cursor as the end', () => {
    expect(nextCursorOf({ nextCursor: '' })).toBeUndefined();
    expect(nextCursorOf({ nextCursor: 3 })).toBeUndefined();
    expect(nextCursorOf({ nextCursor: 'x' })).toBe('x');
  });
});
