import type { ProtocolVersionChoice, ServerConfig } from '@mcpscope/protocol';
import { formatEntry } from '../common/traffic-printer.js';
import { Session } from '@mcpscope/engine/session/session';
import { CLIENT_INFO } from '../version.js';
import type { SpecClient } from './client-answers.js';

/** How a spec's server sessions are made. */
export interface HandleOptions {
  stepTimeoutMs: number;
  connectTimeoutMs?: number | undefined;
  /** The spec's `protocolVersion`: auto, legacy or a date, for servers that set none. */
  protocolVersion?: ProtocolVersionChoice | undefined;
  /** Receives every traffic line (`--verbose`). */
  trace?: ((line: string) => void) | undefined;
}

/** Why a server could not be used. */
export interface Unavailable {
  /** The server never came up: exit code 3. */
  unreachable: boolean;
  message: string;
}

/**
 * One server of a spec file. Its session is shared by the file's tests, in order, and
 * started on first use. A server that cannot be started is not retried for every test; a
 * server that dies during a test is restarted for the next one.
 */
export class ServerHandle {
  private session: Session | undefined;
  private failure: Unavailable | undefined;
  private toolsFresh = false;
  private toolNames: string[] = [];

  constructor(
    readonly name: string,
    readonly config: ServerConfig,
    readonly client: SpecClient,
    private readonly options: HandleOptions,
  ) {}

  /** A connected session, or why there is none. */
  async ready(): Promise<{ ok: true; session: Session } | ({ ok: false } & Unavailable)> {
    if (this.failure !== undefined) return { ok: false, ...this.failure };
    if (this.session?.state === 'ready') return { ok: true, session: this.session };
    const restarted = this.session !== undefined;
    await this.session?.close();
    const session = new Session(this.config, {
      policy: this.client.policy(),
      clientInfo: CLIENT_INFO,
      timeoutMs: this.options.stepTimeoutMs,
      // Servers that keep timers alive after end-of-input would otherwise slow every file.
      exitGraceMs: 100,
      ...(this.options.connectTimeoutMs !== undefined && {
        connectTimeoutMs: this.options.connectTimeoutMs,
      }),
      // A server's own protocolVersion (in its config) wins over the spec's default.
      ...(this.config.protocolVersion === undefined &&
        this.options.protocolVersion !== undefined && {
          negotiation: this.options.protocolVersion,
        }),
    });
    this.session = session;
    this.toolsFresh = false;
    const trace = this.options.trace;
    if (trace !== undefined)
      session.log.subscribe((entry) => trace(`[${this.name}] ${formatEntry(entry)}`));
    session.log.subscribe((entry) => {
      const method = (entry.msg as { method?: unknown } | undefined)?.method;
      if (entry.dir === 's2c' && method === 'notifications/tools/list_changed')
        this.toolsFresh = false;
    });
    const connected = await session.connect();
    if (!connected.ok) {
      await session.close();
      const failure = {
        unreachable: !restarted,
        message: `cannot start or reach the server (${connected.code}): ${connected.message}`,
      };
      // A server that never came up will not come up for the next test either.
      if (!restarted) this.failure = failure;
      return { ok: false, ...failure };
    }
    return { ok: true, session };
  }

  /**
   * The tools the server lists, listed again only after a list_changed: call steps need the
   * engine to know each tool's outputSchema, and a failure message the names it has.
   */
  async tools(session: Session): Promise<{ listed: boolean; names: string[] }> {
    if (!this.toolsFresh) {
      const listed = await session.listAll('tools/list');
      if (listed.ok) this.learnTools(listed.result);
      else return { listed: false, names: [] };
    }
    return { listed: true, names: this.toolNames };
  }

  /** Called with every tools/list result a step gets, so that it need not be asked twice. */
  learnTools(result: unknown): void {
    const tools = (result as { tools?: { name?: unknown }[] } | undefined)?.tools;
    if (!Array.isArray(tools)) return;
    this.toolNames = tools.map((t) => String(t?.name));
    this.toolsFresh = true;
  }

  async close(): Promise<void> {
    await this.session?.close();
  }
}
