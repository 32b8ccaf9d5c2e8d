import { describe, expect, it } from 'vitest';
import {
  parseRecordingEntry,
  parseRecordingHeader,
  RECORDING_FORMAT,
  RECORDING_VERSION,
  RecordingEntrySchema,
} from '../src/index.js';

const header = {
  format: 'mcpscope-recording',
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  target: {
    transport: 'stdio',
    command: 'node',
    args: ['server.js'],
    env: { API_TOKEN: '[REDACTED]' },
  },
  client: { name: 'mcpscope', version: '0.1.0' },
  protocolVersion: '2025-11-25',
};

describe('parseRecordingHeader', () => {
  it('reads a v1 header', () => {
    expect(RECORDING_FORMAT).toBe('mcpscope-recording');
    expect(RECORDING_VERSION).toBe(1);
    const parsed = parseRecordingHeader(JSON.stringify(header));
    expect(parsed).toEqual({ ok: true, header });
  });

  it('refuses an unknown version, saying which it reads and what to do', () => {
    const parsed = parseRecordingHeader(JSON.stringify({ ...header, version: 2 }));
    expect(parsed).toEqual({
      ok: false,
      message:
        'recording format version 2 is not supported by this mcpscope (reads version 1); upgrade mcpscope to read it',
    });
    const stringly = parseRecordingHeader(JSON.stringify({ ...header, version: '1' }));
    expect(stringly.ok).toBe(false);
    expect(!stringly.ok && stringly.message).toContain('version "1" is not supported');
  });

  it('refuses other files: not JSON, another format, a broken header', () => {
    expect(parseRecordingHeader('hello')).toEqual({
      ok: false,
      message: 'line 1 is not JSON: this is not an mcpscope recording',
    });
    expect(parseRecordingHeader('{"jsonrpc":"2.0","id":1,"method":"ping"}')).toEqual({
      ok: false,
      message:
        'line 1 does not start an mcpscope recording (expected "format": "mcpscope-recording")',
    });
    expect(parseRecordingHeader('null').ok).toBe(false);
    const noTarget = parseRecordingHeader(JSON.stringify({ ...header, target: undefined }));
    expect(noTarget.ok).toBe(false);
    expect(!noTarget.ok && noTarget.message).toMatch(/^invalid recording header: target/);
  });
});

describe('parseRecordingEntry', () => {
  it('reads message entries and transport facts', () => {
    const request = {
      seq: 3,
      t: 12.5,
      dir: 'c2s',
      kind: 'request',
      msg: { jsonrpc: '2.0', id: 1, method: 'tools/list' },
    };
    expect(parseRecordingEntry(JSON.stringify(request), 5)).toEqual({
      ok: true,
      line: 5,
      entry: request,
    });
    const exit = {
      seq: 9,
      t: 40,
      dir: 'meta',
      kind: 'lifecycle',
      transport: {
        pid: 1234,
        exitCode: null,
        signal: 'SIGTERM',
        detail: 'server process was killed by SIGTERM',
      },
    };
    expect(parseRecordingEntry(JSON.stringify(exit), 6)).toMatchObject({ ok: true, entry: exit });
    const raw = {
      seq: 4,
      t: 13,
      dir: 's2c',
      kind: 'raw',
      raw: 'Listening on stdio',
      size: 18,
      issues: [{ severity: 'error', code: 'NOT_JSON', message: 'not JSON' }],
    };
    expect(RecordingEntrySchema.parse(raw)).toEqual(raw);
  });

  it('explains a line that is not JSON, or not an entry', () => {
    expect(parseRecordingEntry('{"seq":1,"t":', 7)).toEqual({
      ok: false,
      line: 7,
      message: 'line 7 is not JSON (a truncated last line is expected after a crash)',
    });
    const wrongDir = parseRecordingEntry(
      JSON.stringify({ seq: 1, t: 0, dir: 'up', kind: 'request' }),
      8,
    );
    expect(wrongDir.ok).toBe(false);
    expect(!wrongDir.ok && wrongDir.message).toMatch(/^line 8 is not a traffic entry: dir: /);
    expect(
      parseRecordingEntry(JSON.stringify({ seq: -1, t: 0, dir: 'c2s', kind: 'request' }), 2).ok,
    ).toBe(false);
    expect(
      parseRecordingEntry(JSON.stringify({ seq: 1, t: 0, dir: 'meta', kind: 'telemetry' }), 2).ok,
    ).toBe(false);
  });
});
