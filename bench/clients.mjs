// The two clients the proxy benchmarks compare: a minimal direct stdio JSON-RPC client (the
// floor), and a WebSocket client speaking mcpscope's wire protocol exactly as the browser does.
// Both talk to bench/fixtures/flood-server.mjs.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { root, stop } from './lib.mjs';

const WebSocket = createRequire(`${root}node_modules/.pnpm/node_modules/`)('ws');

export const fixture = `${root}bench/fixtures/flood-server.mjs`;
export const serverConfig = (floodCount) => ({
  transport: 'stdio',
  command: process.execPath,
  args: [fixture],
  env: { FLOOD_COUNT: String(floodCount) },
});
export const PROTOCOL_VERSION = '2025-06-18';

// ---------------------------------------------------------------------------------------------
// Direct stdio: the floor. Spawns the fixture and speaks newline-delimited JSON-RPC to it.

export class DirectClient {
  constructor(floodCount) {
    this.nextId = 1;
    this.pending = new Map();
    this.onNotification = () => {};
    this.child = spawn(process.execPath, [fixture], {
      env: { ...process.env, FLOOD_COUNT: String(floodCount) },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      const msg = JSON.parse(line);
      if (msg.id === undefined) return this.onNotification(msg);
      const resolve = this.pending.get(msg.id);
      if (resolve === undefined) throw new Error(`direct: unexpected or duplicate id ${msg.id}`);
      this.pending.delete(msg.id);
      resolve(msg);
    });
  }

  request(method, params) {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.child.stdin.write(JSON.stringify({ jsonrpc: '2.0', id, method, params }) + '\n');
    });
  }

  async initialize() {
    await this.request('initialize', {
      protocolVersion: PROTOCOL_VERSION,
      capabilities: {},
      clientInfo: { name: 'bench-direct', version: '1.0.0' },
    });
    this.child.stdin.write(
      JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) + '\n',
    );
  }

  async echo(text) {
    const msg = await this.request('tools/call', { name: 'echo', arguments: { text } });
    if (msg.result?.content?.[0]?.text !== text) throw new Error(`direct: bad echo for ${text}`);
  }

  async close() {
    this.child.stdin.end();
    await stop(this.child);
  }
}

// ---------------------------------------------------------------------------------------------
// Through the proxy: a WebSocket client speaking the wire protocol exactly as the browser does.

export class ProxyClient {
  static open(url, token) {
    const { host } = new URL(url);
    return ProxyClient.openUrl(`ws://${host}/ws?token=${encodeURIComponent(token)}`);
  }

  static async openUrl(wsUrl) {
    const socket = new WebSocket(wsUrl, {
      headers: { origin: `http://${new URL(wsUrl).host}` },
      perMessageDeflate: false,
    });
    const client = new ProxyClient(socket);
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    await client.hello;
    return client;
  }

  constructor(socket) {
    this.socket = socket;
    this.nextId = 1;
    this.pending = new Map();
    this.states = new Map();
    this.sessions = [];
    this.stateWaiters = [];
    this.responses = new Map();
    /** Called with (sessionId, entries) for every traffic event. */
    this.onTraffic = () => {};
    this.hello = new Promise((resolve) => (this.helloResolve = resolve));
    /** Bytes of every frame received, for the payload bench's socket bytes. */
    this.bytesIn = 0;
    socket.on('message', (data) => {
      this.bytesIn += data.length;
      this.onEvent(JSON.parse(data.toString('utf8')));
    });
  }

  onEvent(event) {
    switch (event.type) {
      case 'hello':
        this.sessions = event.sessions;
        return this.helloResolve();
      case 'traffic':
        // As the browser does: a request's reply may refer to its response entry (resultIn).
        for (const entry of event.entries) {
          if (entry.kind !== 'response') continue;
          this.responses.set(`${event.sessionId} ${entry.seq}`, entry);
          if (this.responses.size > 512) this.responses.delete(this.responses.keys().next().value);
        }
        return this.onTraffic(event.sessionId, event.entries);
      case 'session':
        this.states.set(event.session.id, event.session.state);
        this.stateWaiters = this.stateWaiters.filter((check) => !check());
        return;
      case 'reply':
      case 'error': {
        const settle = this.pending.get(event.id);
        if (settle === undefined) {
          if (event.type === 'error') throw new Error(`proxy error: ${event.message}`);
          throw new Error(`proxy: unexpected or duplicate reply ${event.id}`);
        }
        this.pending.delete(event.id);
        return settle(event);
      }
      default:
    }
  }

  command(command) {
    const id = `c${this.nextId++}`;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (event) =>
        event.type === 'reply'
          ? resolve(this.resolved(command, event.result))
          : reject(new Error(`${command.type}: ${event.code} ${event.message}`)),
      );
      this.socket.send(JSON.stringify({ ...command, id }));
    });
  }

  /** A request outcome with its result, taken from the entry the reply refers to. */
  resolved(command, result) {
    if (result?.resultIn !== 'entry') return result;
    const key = `${command.sessionId} ${result.responseSeq}`;
    const entry = this.responses.get(key);
    this.responses.delete(key);
    if (entry === undefined) throw new Error(`proxy: reply refers to missing entry ${key}`);
    const { resultIn: _in, ...outcome } = result;
    return {
      ...outcome,
      result: entry.msg.result,
      ...(entry.truncated && { truncated: entry.truncated }),
    };
  }

  /** Resolves once the session reaches `state`. */
  waitState(sessionId, state) {
    return new Promise((resolve, reject) => {
      const check = () => {
        const now = this.states.get(sessionId);
        if (now === state) resolve();
        else if (now === 'failed' || now === 'closed')
          reject(new Error(`session ${sessionId} is ${now}`));
        else return false;
        return true;
      };
      if (!check()) this.stateWaiters.push(check);
    });
  }

  async connect(floodCount) {
    const { sessionId } = await this.command({ type: 'connect', config: serverConfig(floodCount) });
    await this.waitState(sessionId, 'ready');
    return sessionId;
  }

  async echo(sessionId, text) {
    const outcome = await this.command({
      type: 'request',
      sessionId,
      method: 'tools/call',
      params: { name: 'echo', arguments: { text } },
    });
    if (!outcome?.ok || outcome.result?.content?.[0]?.text !== text)
      throw new Error(`proxy: bad echo for ${text}: ${JSON.stringify(outcome)}`);
  }

  remove(sessionId) {
    return this.command({ type: 'remove', sessionId });
  }

  close() {
    return new Promise((resolve) => {
      this.socket.once('close', resolve);
      this.socket.close();
    });
  }
}
