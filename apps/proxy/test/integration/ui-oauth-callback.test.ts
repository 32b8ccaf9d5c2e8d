import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingAuthorizations } from '@mcpscope/engine/oauth/callback';
import { tempDir } from '../helpers/temp.js';
import { rawGet, startUi, writeWebRoot, type RunningUi } from '../helpers/ui.js';

/**
 * The proxy's OAuth redirect target. The browser arrives from the authorization server by a
 * cross-site navigation: no token cookie (SameSite=Strict), maybe a foreign Referer. The
 * route is open to that, and nothing else: the Host is still pinned, and only a state this
 * proxy issued and still waits for completes anything, once.
 */
const tmp = tempDir('ui-oauth');
let ui: RunningUi;
beforeAll(async () => {
  ui = await startUi({ webRoot: writeWebRoot(tmp.path('web')), configDir: tmp.path('config') });
});
afterAll(async () => {
  await ui?.close();
  tmp.remove();
});

describe('GET /oauth/callback', () => {
  it('delivers the code for a state the proxy issued, without the token cookie, once', async () => {
    const state = pendingAuthorizations.newState();
    const waiting = pendingAuthorizations.expect(state, 10_000);
    const res = await rawGet(
      ui.port,
      `/oauth/callback?code=the-code&state=${state}&iss=https%3A%2F%2Fas.example`,
      {
        referer: 'https://as.example/login',
      },
    );
    expect(res.status).toBe(200);
    expect(res.body).toContain('You can close this tab');
    expect(res.body).not.toContain('the-code');
    await expect(waiting).resolves.toEqual({ code: 'the-code', state, iss: 'https://as.example' });
    // Replayed: the state is spent.
    const again = await rawGet(ui.port, `/oauth/callback?code=the-code&state=${state}`);
    expect(again.status).toBe(400);
  });

  it('refuses a state it did not issue, and escapes what it echoes', async () => {
    const res = await rawGet(ui.port, '/oauth/callback?code=x&state=%3Cscript%3Eguess');
    expect(res.status).toBe(400);
    expect(res.body).toContain('does not belong to a flow');
    expect(res.body).not.toContain('<script>');
  });

  it('still pins the Host (DNS rebinding)', async () => {
    const state = pendingAuthorizations.newState();
    const waiting = pendingAuthorizations.expect(state, 10_000);
    const res = await rawGet(ui.port, `/oauth/callback?code=x&state=${state}`, {
      host: `attacker.example:${ui.port}`,
    });
    expect(res.status).toBe(403);
    expect(pendingAuthorizations.has(state)).toBe(true);
    pendingAuthorizations.cancel(state, 'test over');
    await expect(waiting).rejects.toThrow('test over');
  });

  it('opens no other route without the token', async () => {
    expect((await rawGet(ui.port, '/oauth/callbackx?state=a')).status).toBe(401);
    expect((await rawGet(ui.port, '/')).status).toBe(401);
  });
});
