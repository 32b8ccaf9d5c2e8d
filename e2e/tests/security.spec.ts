import { request as httpRequest } from 'node:http';

import { fromEnv } from '../fixtures/env.js';
import { expect, screenshot, test } from '../fixtures/test.js';

/** What the proxy answered to one hand-made request: a status, or a WebSocket upgrade. */
interface Answer {
  status: number;
  body: string;
}

/**
 * Sends one request with exactly these headers (Playwright's request context would add or fix
 * some, like Host), and resolves with the status and body; 101 when a WebSocket upgrade was
 * accepted.
 */
function rawRequest(path: string, headers: Record<string, string>): Promise<Answer> {
  const origin = new URL(fromEnv('origin'));
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      host: origin.hostname,
      port: origin.port,
      path,
      headers,
      // A fresh connection each time: a refused upgrade leaves a kept-alive socket unusable.
      agent: false,
      setHost: headers['Host'] === undefined,
    });
    req.once('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.once('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.once('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, body: '' });
    });
    req.once('error', reject);
    req.end();
  });
}

function upgrade(headers: Record<string, string>): Record<string, string> {
  return {
    Connection: 'Upgrade',
    Upgrade: 'websocket',
    'Sec-WebSocket-Version': '13',
    'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
    ...headers,
  };
}

test.describe('the proxy refuses whoever lacks the token, Origin or Host', () => {
  const cookie = (): string => `mcpscope_${new URL(fromEnv('origin')).port}=${fromEnv('token')}`;

  test('a page request without the token gets 401 and never the token', async ({
    request,
    page,
  }, testInfo) => {
    const token = fromEnv('token');
    for (const path of ['/', '/index.html', '/?token=wrong']) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(401);
      expect(await response.text(), path).not.toContain(token);
    }

    // What a user who opens the address without the token sees.
    await page.goto('/');
    await expect(
      page.getByRole('heading', { name: 'mcpscope needs its launch token' }),
    ).toBeVisible();
    expect(await page.content()).not.toContain(token);
    await screenshot(page, testInfo);
  });

  test('a foreign Host header gets 403, even with the token (DNS rebinding)', async () => {
    const port = new URL(fromEnv('origin')).port;
    const answer = await rawRequest(`/?token=${fromEnv('token')}`, {
      Host: `evil.example:${port}`,
      Cookie: cookie(),
    });
    expect(answer.status).toBe(403);
    expect(answer.body).not.toContain(fromEnv('token'));
    // The same request with our own Host is let in (trades the token, redirects).
    expect((await rawRequest(`/?token=${fromEnv('token')}`, {})).status).toBe(302);
  });

  test('a WebSocket upgrade needs the right token and our own Origin', async () => {
    const origin = fromEnv('origin');
    const wrongToken = await rawRequest(
      '/ws',
      upgrade({ Origin: origin, Cookie: `mcpscope_${new URL(origin).port}=wrong` }),
    );
    expect(wrongToken.status).toBe(401);
    expect((await rawRequest('/ws?token=wrong', upgrade({ Origin: origin }))).status).toBe(401);
    expect((await rawRequest('/ws', upgrade({ Origin: origin }))).status).toBe(401);

    const foreign = await rawRequest(
      '/ws',
      upgrade({ Origin: 'http://evil.example', Cookie: cookie() }),
    );
    expect(foreign.status).toBe(403);
    expect(foreign.body).not.toContain(fromEnv('token'));
    expect((await rawRequest('/ws', upgrade({ Cookie: cookie() }))).status, 'no Origin').toBe(403);

    // The control: the same upgrade with the token and our Origin is accepted.
    expect((await rawRequest('/ws', upgrade({ Origin: origin, Cookie: cookie() }))).status).toBe(
      101,
    );
  });
});
