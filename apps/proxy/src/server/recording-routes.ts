import { constants } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { basename } from 'node:path';
import type { RecordingLibrary } from '@mcpscope/engine/recording/library';

/** An answer of the proxy's HTTP server. */
export interface RouteResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: string | Buffer;
}

const json = (status: number, value: unknown): RouteResponse => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  body: JSON.stringify(value),
});

const notFound = (message: string): RouteResponse => json(404, { code: 'NOT_FOUND', message });

/**
 * `GET /api/recordings` (the list), `GET /api/recordings/NAME` (one file; `?download=1` makes
 * it an attachment) and `GET /api/view-file` (the file of `mcpscope view FILE`). Undefined
 * for any other path. Called only after the access guard (Host, Origin, token) let the
 * request through.
 */
export function recordingRoute(
  request: IncomingMessage,
  options: { library: RecordingLibrary | undefined; viewFile: string | undefined },
): Promise<RouteResponse> | undefined {
  const url = new URL(request.url ?? '/', 'http://placeholder');
  const { pathname } = url;
  if (pathname !== '/api/recordings' && !pathname.startsWith('/api/recordings/'))
    if (pathname !== '/api/view-file') return undefined;
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return Promise.resolve({
      status: 405,
      headers: { 'content-type': 'text/plain; charset=utf-8', allow: 'GET, HEAD' },
      body: `${request.method ?? 'this method'} is not supported here`,
    });
  const download = url.searchParams.get('download') === '1';
  return answer(pathname, download, options);
}

async function answer(
  pathname: string,
  download: boolean,
  { library, viewFile }: { library: RecordingLibrary | undefined; viewFile: string | undefined },
): Promise<RouteResponse> {
  if (pathname === '/api/view-file') {
    if (viewFile === undefined)
      return notFound('no file was given: start with `mcpscope view FILE`');
    // The user named this file on the command line: a symlink there is theirs to follow.
    return file(viewFile, download, readFile);
  }
  if (pathname === '/api/recordings') {
    if (library === undefined) return notFound('recording is off in this mcpscope');
    return json(200, await library.list());
  }
  let name: string;
  try {
    name = decodeURIComponent(pathname.slice('/api/recordings/'.length));
  } catch {
    return notFound('not a recording name');
  }
  const path = library?.resolve(name);
  if (path === undefined) return notFound(`no recording named "${name}"`);
  return file(path, download, readNoFollow);
}

/**
 * Reads a file of the recordings directory, refusing a symlink at the last step (O_NOFOLLOW)
 * and anything that is not a regular file: a link planted there (by a server the user ran,
 * say) must not make the proxy serve ~/.ssh/id_ed25519 to the page. Checked on the open file
 * itself, so the name cannot be swapped for a link between a check and the read.
 */
async function readNoFollow(path: string): Promise<Buffer> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    if (!(await handle.stat()).isFile()) throw new Error('not a regular file');
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

async function file(
  path: string,
  download: boolean,
  read: (path: string) => Promise<Buffer>,
): Promise<RouteResponse> {
  let body: Buffer;
  try {
    body = await read(path);
  } catch (error) {
    return notFound(`cannot read ${basename(path)}: ${(error as Error).message}`);
  }
  const name = basename(path).replace(/[^A-Za-z0-9._-]/g, '_');
  return {
    status: 200,
    headers: {
      'content-type': 'application/x-ndjson; charset=utf-8',
      'cache-control': 'no-store',
      'content-disposition': `${download ? 'attachment' : 'inline'}; filename="${name}"`,
    },
    body,
  };
}
