import { mkdirSync, readdirSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import {
  RecordingListSchema,
  parseRecordingEntry,
  parseRecordingHeader,
  type ServerConfig,
} from '@mcpscope/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingLibrary, dataDir } from '@mcpscope/engine/recording/library';
import { EVERYTHING } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';
import {
  methodOf,
  openSocket,
  rawGet,
  startUi,
  writeWebRoot,
  type RunningUi,
  type UiSocket,
} from '../helpers/ui.js';

/**
 * Every UI session is recorded into the recordings directory, listed and downloadable over
 * HTTP behind the same guard as everything else: against the real server-everything over
 * stdio, a real loopback port, and the files on disk.
 */
const SECRET = 'sk-live-0123456789abcdef';
const CONFIG: ServerConfig = {
  transport: 'stdio',
  name: 'server-everything',
  command: process.execPath,
  args: [EVERYTHING, 'stdio'],
  env: { API_TOKEN: SECRET },
};

const tmp = tempDir('ui-recordings');
const recordingsDir = tmp.path('data/recordings');
const library = new RecordingLibrary(recordingsDir, { maxFiles: 3, maxBytes: 10 * 1024 * 1024 });
let ui: RunningUi;
let socket: UiSocket;

beforeAll(async () => {
  ui = await startUi({
    webRoot: writeWebRoot(tmp.path('web')),
    configDir: tmp.path('config'),
    recordings: library,
  });
  socket = await openSocket(`${ui.wsUrl}?token=${ui.token}`, { origin: ui.origin });
  await socket.waitFor('hello');
});

afterAll(async () => {
  await socket?.close();
  await ui?.close();
  tmp.remove();
});

const authed = (): Record<string, string> => ({ cookie: ui.cookie });

async function list() {
  const res = await rawGet(ui.port, '/api/recordings', authed());
  expect(res.status, res.body).toBe(200);
  return RecordingListSchema.parse(JSON.parse(res.body));
}

describe('recording UI sessions', () => {
  let sessionId: string;
  let file: string;

  it('a new session is recorded by default, into a 0700 directory, as a 0600 file', async () => {
    const { sessionId: id } = (await socket.command({ type: 'connect', config: CONFIG })) as {
      sessionId: string;
    };
    sessionId = id;
    const ready = await socket.waitForState(sessionId, 'ready');
    expect(ready.session.recording?.enabled).toBe(true);
    file = ready.session.recording!.file!;
    expect(file).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ-server-everything-[0-9a-f]{6}\.jsonl$/);
    expect(statSync(recordingsDir).mode & 0o777).toBe(0o700);
    expect(statSync(`${recordingsDir}/${file}`).mode & 0o777).toBe(0o600);
    await socket.command({ type: 'request', sessionId, method: 'tools/list' });
  });

  it('the list shows it with its target, size and entries, marked active', async () => {
    const { recordings, dir, limits } = await list();
    expect(dir).toBe(recordingsDir);
    expect(limits).toEqual({ maxFiles: 3, maxBytes: 10 * 1024 * 1024 });
    const info = recordings.find((r) => r.name === file);
    expect(info).toMatchObject({ target: 'server-everything', active: true });
    expect(info!.size).toBe(statSync(`${recordingsDir}/${file}`).size);
    expect(info!.entries).toBeGreaterThanOrEqual(4);
  });

  it('downloads as an attachment, redacted, every line a valid entry with the handshake', async () => {
    const res = await rawGet(ui.port, `/api/recordings/${file}?download=1`, authed());
    expect(res.status, res.body).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${file}"`);
    expect(res.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    expect(res.body).not.toContain(SECRET);
    const [first, ...rest] = res.body.trimEnd().split('\n');
    const header = parseRecordingHeader(first!);
    expect(header.ok && header.header.target).toMatchObject({ env: { API_TOKEN: '[REDACTED]' } });
    const entries = rest.map((line, i) => parseRecordingEntry(line, i + 2));
    expect(entries.every((e) => e.ok)).toBe(true);
    const methods = entries.map((e) => (e.ok ? methodOf(e.entry) : undefined));
    expect(methods).toContain('initialize');
    expect(methods).toContain('tools/list');
  });

  it('the toggle stops writing; turning it on again starts a new file with the whole history', async () => {
    await socket.command({ type: 'setRecording', sessionId, enabled: false });
    const off = await socket.waitFor('session', (e) => e.session.recording?.enabled === false);
    expect(off.session.recording?.file).toBeUndefined();
    const sizeOff = statSync(`${recordingsDir}/${file}`).size;
    await socket.command({ type: 'request', sessionId, method: 'ping' });
    expect(statSync(`${recordingsDir}/${file}`).size).toBe(sizeOff);
    expect((await list()).recordings.find((r) => r.name === file)?.active).toBe(false);

    await socket.command({ type: 'setRecording', sessionId, enabled: true });
    const on = await socket.waitFor(
      'session',
      (e) => e.session.recording?.enabled === true && e.session.recording.file !== file,
    );
    const second = on.session.recording!.file!;
    const res = await rawGet(ui.port, `/api/recordings/${second}`, authed());
    expect(res.headers['content-disposition']).toBe(`inline; filename="${second}"`);
    const entries = res.body
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => JSON.parse(line) as { seq: number; msg?: { method?: string } });
    expect(entries[0]?.seq).toBe(0);
    const methods = entries.map((e) => e.msg?.method);
    expect(methods).toContain('initialize');
    expect(methods.indexOf('ping')).toBeGreaterThan(methods.indexOf('initialize'));
  });

  it('removing the session closes its file', async () => {
    await socket.command({ type: 'remove', sessionId });
    expect((await list()).recordings.every((r) => !r.active)).toBe(true);
  });

  it('keeps only the newest files beyond --keep-recordings, never one being written', async () => {
    // Three old finished recordings, older than everything else here.
    for (const [i, name] of ['old-a.jsonl', 'old-b.jsonl', 'old-c.jsonl'].entries()) {
      writeFileSync(`${recordingsDir}/${name}`, '{}\n', { mode: 0o600 });
      const when = new Date(Date.UTC(2020, 0, 1 + i));
      utimesSync(`${recordingsDir}/${name}`, when, when);
    }
    const { sessionId: id } = (await socket.command({ type: 'connect', config: CONFIG })) as {
      sessionId: string;
    };
    const ready = await socket.waitForState(id, 'ready');
    const kept = readdirSync(recordingsDir).sort();
    expect(kept).toHaveLength(3);
    expect(kept).toContain(ready.session.recording!.file!);
    expect(kept.some((n) => n.startsWith('old-'))).toBe(false);
    await socket.command({ type: 'remove', sessionId: id });
  });
});

describe('the recording routes are behind the guard', () => {
  for (const path of ['/api/recordings', '/api/recordings/x.jsonl', '/api/view-file']) {
    it(`${path}: 401 without the token, 403 for a foreign Origin or Host`, async () => {
      const none = await rawGet(ui.port, path);
      expect(none.status).toBe(401);
      expect(none.body).not.toContain('jsonl');
      const wrong = await rawGet(ui.port, path, { cookie: `mcpscope_${ui.port}=nope` });
      expect(wrong.status).toBe(401);
      const origin = await rawGet(ui.port, path, { ...authed(), origin: 'http://evil.example' });
      expect(origin.status).toBe(403);
      const host = await rawGet(ui.port, path, { ...authed(), host: `evil.example:${ui.port}` });
      expect(host.status).toBe(403);
    });
  }

  it('names outside the directory are not found, whatever the encoding', async () => {
    for (const name of ['..%2F..%2Fetc%2Fpasswd', '.hidden.jsonl', 'a%2F..%2Fb.jsonl', 'x.txt']) {
      const res = await rawGet(ui.port, `/api/recordings/${name}`, authed());
      expect(res.status, name).toBe(404);
      expect(JSON.parse(res.body)).toMatchObject({ code: 'NOT_FOUND' });
    }
  });

  it('a symlink in the recordings directory is not listed, read or downloaded', async () => {
    // A server the user ran (or anyone with write access there) could plant a link to a
    // private file; the page must not be able to read it through the proxy.
    const secret = tmp.path('secret.txt');
    writeFileSync(secret, 'PRIVATE KEY MATERIAL\n');
    mkdirSync(recordingsDir, { recursive: true });
    const name = '2000-01-01T00-00-00Z-planted-000000.jsonl';
    symlinkSync(secret, `${recordingsDir}/${name}`);
    expect((await list()).recordings.map((r) => r.name)).not.toContain(name);
    for (const query of ['', '?download=1']) {
      const res = await rawGet(ui.port, `/api/recordings/${name}${query}`, authed());
      expect(res.status, query).toBe(404);
      expect(res.body).not.toContain('PRIVATE KEY');
    }
  });

  it('/api/view-file is 404 with what to do when no file was given', async () => {
    const res = await rawGet(ui.port, '/api/view-file', authed());
    expect(res.status).toBe(404);
    expect(res.body).toContain('mcpscope view FILE');
  });
});

describe('the data directory', () => {
  it('follows MCPSCOPE_DATA_DIR, then XDG_DATA_HOME, then ~/.local/share', () => {
    const saved = { ...process.env };
    try {
      process.env['MCPSCOPE_DATA_DIR'] = '/tmp/a';
      expect(dataDir()).toBe('/tmp/a');
      delete process.env['MCPSCOPE_DATA_DIR'];
      process.env['XDG_DATA_HOME'] = '/tmp/xdg';
      expect(dataDir()).toBe('/tmp/xdg/mcpscope');
      delete process.env['XDG_DATA_HOME'];
      process.env['HOME'] = '/tmp/home';
      expect(dataDir()).toBe('/tmp/home/.local/share/mcpscope');
    } finally {
      process.env = saved;
    }
  });

  it('test runs never use the real one', () => {
    expect(process.env['MCPSCOPE_DATA_DIR']).toMatch(/mcpscope-data-/);
  });
});
