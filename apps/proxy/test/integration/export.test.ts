import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Validator, type Schema } from '@cfworker/json-schema';
import type { Entry, Har } from 'har-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDACTED } from '@mcpscope/engine/recording/redact';
import { compileSchema } from '@mcpscope/engine/session/schema-validator';
import { describeRun, runCli } from '../helpers/cli.js';
import { EVERYTHING_STDIO, PROXY_DIR } from '../helpers/paths.js';
import { startEverything, type RunningServer } from '../helpers/processes.js';
import { loadRecording } from '../helpers/recording.js';
import { tempDir } from '../helpers/temp.js';

// Real server-everything over Streamable HTTP and SSE, recorded by the real CLI, exported,
// and the exports checked against the HAR 1.2 JSON Schema and for leaks.

const TOKEN = 'tok_live_export_0123456789';
const PAYLOAD = '<script>window.__xss = 1</script><img src=x onerror="window.__xss=2">';

let http: RunningServer;
let sse: RunningServer;
const tmp = tempDir('export');

async function record(file: string, ...argv: string[]): Promise<void> {
  const run = await runCli(['--record', file, ...argv]);
  expect(run.code, describeRun(run)).toBe(0);
}

async function exportOk(...argv: string[]): Promise<string> {
  const run = await runCli(['export', ...argv]);
  expect(run.code, describeRun(run)).toBe(0);
  return run.stderr;
}

function readHar(path: string): Har {
  return JSON.parse(readFileSync(path, 'utf8')) as Har;
}

/** The HAR 1.2 schema of `har-schema` (what `har-validator` uses), its files linked by $id. */
function harValidator(): Validator {
  const dir = join(createRequire(import.meta.url).resolve('har-schema/package.json'), '..', 'lib');
  const names = ['afterRequest', 'beforeRequest', 'browser', 'cache', 'content', 'cookie'];
  names.push('creator', 'entry', 'har', 'header', 'log', 'page', 'pageTimings', 'postData');
  names.push('query', 'request', 'response', 'timings');
  // The files name each other relatively ("log.json#"); give them a common absolute base.
  const base = 'https://har-schema.invalid/';
  const load = (name: string): Schema => ({
    ...(JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as Schema),
    $id: `${base}${name}.json`,
  });
  const validator = new Validator(load('har'), '7', false);
  for (const name of names.filter((n) => n !== 'har'))
    validator.addSchema(load(name), `${base}${name}.json`);
  return validator;
}

function expectValidHar(har: Har): void {
  const validator = harValidator();
  // The schema is strict enough to catch a HAR that lacks what HAR 1.2 requires.
  const { creator: _creator, ...noCreator } = har.log;
  expect(validator.validate({ log: noCreator }).valid).toBe(false);
  expect(validator.validate({ log: { ...har.log, entries: [{ time: 1 }] } }).valid).toBe(false);
  const result = validator.validate(har);
  expect(result.errors.map((e) => `${e.instanceLocation}: ${e.error}`)).toEqual([]);
  expect(result.valid).toBe(true);
  expect(har.log.version).toBe('1.2');
  for (const entry of har.log.entries) {
    const t = entry.timings;
    // HAR: `time` is the sum of the timings that apply (-1 means "does not apply").
    const sum = [t.blocked, t.dns, t.connect, t.send, t.wait, t.receive]
      .filter((x): x is number => x !== undefined && x >= 0)
      .reduce((a, b) => a + b, 0);
    expect(entry.time).toBeCloseTo(sum, 2);
    expect(Number.isNaN(Date.parse(entry.startedDateTime))).toBe(false);
  }
}

/** The recording data inside an HTML report, inflated: meta, header and entry lines. */
function reportData(path: string): string {
  const html = readFileSync(path, 'utf8');
  const pattern =
    /<script type="application\/gzip" id="mcpscope-recording">([A-Za-z0-9+/=]*)<\/script>/;
  return gunzipSync(Buffer.from(pattern.exec(html)![1]!, 'base64')).toString('utf8');
}

function postOf(har: Har, method: string): Entry {
  const found = har.log.entries.find((e) =>
    e.request.postData?.text?.includes(`"method":"${method}"`),
  );
  if (found === undefined) throw new Error(`no POST carrying ${method} in the HAR`);
  return found;
}

beforeAll(async () => {
  [http, sse] = await Promise.all([startEverything('streamableHttp'), startEverything('sse')]);
  await Promise.all([
    // --no-redact: the secret is in the file, so the export has to take it out again.
    record(
      tmp.path('http.jsonl'),
      '--no-redact',
      '--header',
      `Authorization: Bearer ${TOKEN}`,
      '--method',
      'tools/call',
      '--tool-name',
      'echo',
      '--tool-arg',
      `message=${PAYLOAD} ${TOKEN}`,
      `${http.origin}/mcp`,
    ),
    record(tmp.path('sse.jsonl'), '--method', 'tools/list', `${sse.origin}/sse`),
    record(tmp.path('stdio.jsonl'), '--method', 'tools/list', ...EVERYTHING_STDIO),
  ]);
});

afterAll(async () => {
  await Promise.all([http?.stop(), sse?.stop()]);
  tmp.remove();
});

describe('mcpscope export --har', () => {
  it('writes a valid HAR 1.2 of a Streamable HTTP session, bodies and SSE streams included', async () => {
    const out = tmp.path('http.har');
    await exportOk(tmp.path('http.jsonl'), '--har', out);
    const har = readHar(out);
    expectValidHar(har);
    expect(statSync(out).mode & 0o777).toBe(0o600);

    const init = postOf(har, 'initialize');
    expect(init.request.method).toBe('POST');
    expect(init.request.url).toBe(`${http.origin}/mcp`);
    expect(JSON.parse(init.request.postData!.text!)).toMatchObject({ method: 'initialize' });
    expect(init.response.status).toBe(200);
    expect(init.response.content.mimeType).toMatch(/^text\/event-stream/);
    expect(init.response.content.text).toMatch(/^data: .*"serverInfo"/m);
    const call = postOf(har, 'tools/call');
    expect(call.response.content.text).toContain('Echo: ');
    expect(call.time).toBeGreaterThan(0);
    expect(call.response.content.size).toBe(Buffer.byteLength(call.response.content.text!));

    const initialized = postOf(har, 'notifications/initialized');
    expect(initialized.response.status).toBe(202);
    expect(har.log.entries.some((e) => e.request.method === 'GET')).toBe(true);
    expect(har.log.entries.some((e) => e.request.method === 'DELETE')).toBe(true);
  });

  it('rebuilds the SSE transport: one GET stream with the endpoint event and the responses', async () => {
    const out = tmp.path('sse.har');
    await exportOk(tmp.path('sse.jsonl'), '--har', out);
    const har = readHar(out);
    expectValidHar(har);
    const stream = har.log.entries.find((e) => e.request.method === 'GET')!;
    const text = stream.response.content.text ?? '';
    expect(text).toMatch(/^event: endpoint\ndata: \/message\?sessionId=/m);
    expect(text).toContain('"serverInfo"');
    expect(text).toContain('"tools"');
    const list = postOf(har, 'tools/list');
    expect(list.request.url).toContain('/message?sessionId=');
    expect(list.response.status).toBe(202);
  });

  it('refuses a stdio recording with a one-line error, and writes nothing', async () => {
    const run = await runCli([
      'export',
      tmp.path('stdio.jsonl'),
      '--har',
      tmp.path('stdio.har'),
      '--html',
      tmp.path('stdio.html'),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/records a stdio server: .*use --html OUT\.html/);
    expect(run.stderr.split('\n')).toHaveLength(1);
    expect(existsSync(tmp.path('stdio.har'))).toBe(false);
    expect(existsSync(tmp.path('stdio.html'))).toBe(false);
  });
});

describe('redaction on export', () => {
  it('takes out secrets a --no-redact recording kept, unless --no-redact is given again', async () => {
    expect(readFileSync(tmp.path('http.jsonl'), 'utf8')).toContain(TOKEN);
    await exportOk(
      tmp.path('http.jsonl'),
      '--har',
      tmp.path('r.har'),
      '--html',
      tmp.path('r.html'),
    );
    for (const file of ['r.har', 'r.html']) {
      const path = tmp.path(file);
      const text = file.endsWith('.html') ? reportData(path) : readFileSync(path, 'utf8');
      expect(text, file).not.toContain(TOKEN);
      expect(text, file).toContain(REDACTED);
    }
    const har = readHar(tmp.path('r.har'));
    const auth = postOf(har, 'initialize').request.headers.find((h) => h.name === 'authorization');
    expect(auth?.value).toBe(REDACTED);

    const stderr = await exportOk(
      tmp.path('http.jsonl'),
      '--no-redact',
      '--har',
      tmp.path('raw.har'),
    );
    expect(stderr).toContain('not redacted');
    expect(readFileSync(tmp.path('raw.har'), 'utf8')).toContain(TOKEN);
  });

  it('applies --redact patterns to string values, keeping the JSON valid', async () => {
    await exportOk(
      tmp.path('sse.jsonl'),
      '--har',
      tmp.path('p.har'),
      '--redact',
      'Echoes back[^"]*',
      '--redact',
      '/mcp-SERVERS/i',
    );
    const text = readFileSync(tmp.path('p.har'), 'utf8');
    expect(text).not.toMatch(/Echoes back|mcp-servers/i);
    // The SSE body is rebuilt from redacted messages, so it is redacted too.
    expect(readHar(tmp.path('p.har')).log.entries[0]!.response.content.text).toContain(REDACTED);
  });

  it('applies --redact patterns to the --verbose traffic on stderr too', async () => {
    const run = await runCli([
      '--record',
      tmp.path('verbose.jsonl'),
      '--redact',
      'visible-then-\\w+',
      '--verbose',
      '--method',
      'tools/call',
      '--tool-name',
      'echo',
      '--tool-arg',
      'message=visible-then-hidden',
      ...EVERYTHING_STDIO,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('tools/call');
    expect(run.stderr).toContain(REDACTED);
    expect(run.stderr).not.toContain('visible-then-hidden');
  });

  it('applies --redact on a one-shot --record, and rejects bad patterns before starting', async () => {
    const file = tmp.path('pattern.jsonl');
    await record(
      file,
      '--redact',
      'Echo: \\S+',
      '--method',
      'tools/call',
      '--tool-name',
      'echo',
      '--tool-arg',
      'message=visible-then-hidden',
      ...EVERYTHING_STDIO,
    );
    const { text, entries } = loadRecording(file);
    expect(text).not.toContain('Echo: visible-then-hidden');
    expect(entries.some((e) => (JSON.stringify(e.msg) ?? '').includes(REDACTED))).toBe(true);

    const bad = await runCli([
      '--record',
      tmp.path('x.jsonl'),
      '--redact',
      '(',
      '--method',
      'tools/list',
      ...EVERYTHING_STDIO,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--redact "\(" is not a valid regular expression/);
    expect(existsSync(tmp.path('x.jsonl'))).toBe(false);
    const both = await runCli([
      '--no-redact',
      '--redact',
      'x',
      '--record',
      tmp.path('y.jsonl'),
      '--method',
      'tools/list',
      ...EVERYTHING_STDIO,
    ]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/^mcpscope: --redact and --no-redact contradict each other/);
    const alone = await runCli(['--redact', 'x', '--method', 'tools/list', ...EVERYTHING_STDIO]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/add --record FILE/);
  });
});

describe('mcpscope export --html', () => {
  it('embeds the recording where no payload can reach the HTML parser, under a hash-only CSP', async () => {
    await exportOk(tmp.path('http.jsonl'), '--html', tmp.path('x.html'));
    const html = readFileSync(tmp.path('x.html'), 'utf8');
    expect(html).not.toContain('window.__xss');
    const script = /<script>([\s\S]*)<\/script>\n<\/body>/.exec(html)![1]!;
    // The gzipped data block and the app's own script: nothing else opens a script element
    // (the app's script holds the text "<script>" once, in React DOM, inside a string).
    expect(html.replace(script, '').match(/<script\b/g)).toHaveLength(2);
    expect(script).not.toMatch(/<\/script|<!--/i);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/
      .exec(html)![1]!
      .replaceAll('&#39;', "'");
    expect(csp).toContain("default-src 'none'");
    const hash = (text: string): string => createHash('sha256').update(text).digest('base64');
    expect(csp).toContain(`script-src 'sha256-${hash(script)}'`);
    const style = /<style>([\s\S]*)<\/style>/.exec(html)![1]!;
    expect(csp).toContain(`style-src 'sha256-${hash(style)}'`);
    // No source of anything but a data: image: the page cannot reach the network.
    expect(csp).not.toMatch(/https?:|'self'|'unsafe/);

    // The data: the file's facts, the (redacted) header, then every entry, one per line.
    const [meta, header, ...lines] = reportData(tmp.path('x.html')).split('\n');
    expect(JSON.parse(meta!)).toMatchObject({ file: 'http.jsonl', warnings: [] });
    expect(JSON.parse(header!)).toMatchObject({ format: 'mcpscope-recording' });
    const { entries } = loadRecording(tmp.path('http.jsonl'));
    expect(lines).toHaveLength(entries.length);
    expect(lines.map((l) => (JSON.parse(l) as { seq: number }).seq)).toEqual(
      entries.map((e) => e.seq),
    );
    expect(lines.join('\n')).toContain('window.__xss');
  });

  it('carries the warning of a recording cut off by a crash, and opens an empty one', async () => {
    const text = readFileSync(tmp.path('stdio.jsonl'), 'utf8');
    writeFileSync(tmp.path('cut.jsonl'), text.slice(0, text.length - 20));
    const stderr = await exportOk(tmp.path('cut.jsonl'), '--html', tmp.path('cut.html'));
    expect(stderr).toMatch(/cut\.jsonl: line \d+: line \d+ is not JSON .*; ignoring it/);
    const [meta] = reportData(tmp.path('cut.html')).split('\n');
    expect((JSON.parse(meta!) as { warnings: string[] }).warnings).toHaveLength(1);

    writeFileSync(tmp.path('empty.jsonl'), `${text.split('\n')[0]}\n`);
    await exportOk(tmp.path('empty.jsonl'), '--html', tmp.path('empty.html'));
    const [, header, ...none] = reportData(tmp.path('empty.html')).split('\n');
    expect(JSON.parse(header!)).toMatchObject({ format: 'mcpscope-recording' });
    expect(none).toEqual([]);
  });

  it('exports a stdio recording too', async () => {
    await exportOk(tmp.path('stdio.jsonl'), '--html', tmp.path('stdio-ok.html'));
    expect(readFileSync(tmp.path('stdio-ok.html'), 'utf8')).toContain('mcpscope report');
  });

  it('says what is wrong with its input, in one line, exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [[tmp.path('missing.jsonl'), '--html', tmp.path('m.html')], /missing\.jsonl: no such file/],
      [[tmp.path('http.jsonl')], /say what to write: --har OUT\.har, --html OUT\.html/],
      [
        [join(PROXY_DIR, 'package.json'), '--html', tmp.path('m.html')],
        /not an mcpscope recording/,
      ],
    ];
    cases.push(
      [['x.jsonl', '--no-redact', '--redact', 'a', '--html', 'y.html'], /contradict each other/],
      [['x.jsonl', '--redact=a', '--no-redact', '--html', 'y.html'], /contradict each other/],
    );
    for (const [argv, message] of cases) {
      const run = await runCli(['export', ...argv]);
      expect(run.code, describeRun(run)).toBe(2);
      expect(run.stderr).toMatch(message);
    }
  });
});

describe('docs/recording.schema.json', () => {
  it('accepts every line of real recordings', () => {
    const schema = JSON.parse(
      readFileSync(join(PROXY_DIR, '..', '..', 'docs', 'recording.schema.json'), 'utf8'),
    ) as unknown;
    const compiled = compileSchema(schema);
    if (!compiled.ok) throw new Error(compiled.message);
    for (const file of ['http.jsonl', 'sse.jsonl', 'stdio.jsonl']) {
      const lines = readFileSync(tmp.path(file), 'utf8').trimEnd().split('\n');
      for (const [i, line] of lines.entries())
        expect(compiled.validate(JSON.parse(line)), `${file}:${i + 1}`).toEqual([]);
    }
  });
});
