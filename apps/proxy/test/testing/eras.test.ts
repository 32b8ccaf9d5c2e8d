// Spec files against the dual-era fixture: a step's answers (elicitation, sampling, roots)
// answer the modern era's input_required rounds exactly as they answer the legacy era's
// server-to-client requests, and `protocolVersion` (spec default, or per server) chooses the
// era as --protocol-version does.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeRun } from '../helpers/cli.js';
import { FIXTURES_DIR } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';
import { failuresOf, runJson, testNamed, writeSpec } from './spec-helpers.js';

const DUAL = join(FIXTURES_DIR, 'modern', 'dual-era.mjs');
const server = (protocolVersion?: string): string =>
  `{ command: ${JSON.stringify(process.execPath)}, args: [${JSON.stringify(DUAL)}]${protocolVersion === undefined ? '' : `, protocolVersion: ${JSON.stringify(protocolVersion)}`} }`;

const BOOK_TRIP = `
      - call: book-trip
        arguments: { destination: Oslo }
        client:
          elicitation: { action: accept, content: { name: Ada, nights: 3 } }
          sampling: { text: Fjords }
          roots: [/tmp]
        expect:
          text: { equals: booked Ada to Oslo for 3 nights }
          structuredContent:
            - { path: $.pitch, equals: Fjords }
            - { path: '$.roots[0]', equals: 'file:///tmp' }
          serverRequests:
            - { method: elicitation/create, count: 1 }
            - { method: sampling/createMessage, count: 1 }
            - { method: roots/list, count: 1 }`;

describe('specs in both protocol eras', () => {
  const tmp = tempDir('eras-spec');
  afterAll(() => tmp.remove());

  it("answers book-trip's input_required rounds from the step's client answers (auto, and per-server legacy)", async () => {
    const spec = writeSpec(
      tmp.path('book-trip.yaml'),
      `
protocolVersion: auto
servers:
  auto: ${server()}
  legacy: ${server('legacy')}
  pinned: ${server('2026-07-28')}
tests:
  - name: modern, by probing
    server: auto
    steps:${BOOK_TRIP}
  - name: legacy, as server requests
    server: legacy
    steps:${BOOK_TRIP}
  - name: modern, pinned
    server: pinned
    steps:${BOOK_TRIP}
`,
    );
    const { run, report } = await runJson(spec);
    for (const name of ['modern, by probing', 'legacy, as server requests', 'modern, pinned'])
      expect(failuresOf(testNamed(report, name)), `${name}\n${describeRun(run)}`).toEqual([]);
    expect(run.code, describeRun(run)).toBe(0);
  });

  it('passes a pinned protocolVersion through: a version the server lacks fails with -32022', async () => {
    const spec = writeSpec(
      tmp.path('pinned.yaml'),
      `
server: ${server()}
protocolVersion: 2099-01-01
tests:
  - name: pinned to a version the server lacks
    steps:
      - call: echo
        arguments: { message: hi }
`,
    );
    const { run, report } = await runJson(spec);
    expect(run.code, describeRun(run)).toBe(3);
    expect(JSON.stringify(report)).toContain('-32022');
  });

  it('rejects a protocolVersion that is not auto, legacy or a date', async () => {
    const spec = writeSpec(
      tmp.path('bad.yaml'),
      `
server: ${server('modern')}
tests:
  - name: never runs
    steps:
      - call: echo
        arguments: { message: hi }
`,
    );
    const { run } = await runJson(spec);
    expect(run.code, describeRun(run)).toBe(2);
  });
});
