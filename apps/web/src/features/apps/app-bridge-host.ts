import { AppBridge, PostMessageTransport } from '@modelcontextprotocol/ext-apps/app-bridge';
import type { CallToolResult, ReadResourceResult, Tool } from '@modelcontextprotocol/client';
import { actions } from '../../lib/inspector';
import type { AppCsp, AppPermissions } from './app-resource';

/** One line of the side log: what the app asked, or what the host sent it, and the verdict. */
export interface AppLogLine {
  n: number;
  at: number;
  dir: 'app→host' | 'host→app';
  method: string;
  detail: string;
  verdict: 'sent' | 'approved' | 'refused' | 'shown' | 'pending';
  /** The traffic entry of a request forwarded to the server, for "show in Traffic". */
  seq?: number;
}

export interface HostWiring {
  sessionId: string;
  /** Why requests to the server are refused (a recorded session), or undefined when live. */
  readOnly: string | undefined;
  tool: Record<string, unknown> & { name: string };
  args: Record<string, unknown>;
  /** The call's result, or its failure (sent as tool-cancelled). */
  result: { ok: true; value: unknown } | { ok: false; reason: string } | undefined;
  csp: AppCsp | undefined;
  permissions: AppPermissions | undefined;
  dark: boolean;
  log: (line: Omit<AppLogLine, 'n' | 'at'>) => (update: Partial<AppLogLine>) => void;
  onHeight: (height: number) => void;
  /** Asks the user whether to open a link; resolves with the answer. */
  confirmLink: (url: string) => Promise<boolean>;
}

const short = (value: unknown): string => {
  const text = JSON.stringify(value) ?? '';
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
};

/**
 * Wires an AppBridge (the host side of `@modelcontextprotocol/ext-apps`) to the outer iframe
 * of a staged app, answering the app's requests the way a host does: tool calls and resource
 * reads go through the real session (marked `via: "app"` in the traffic), messages are shown,
 * links are opened only when the user agrees, size changes resize the frame. The bridge has no
 * MCP client of its own (`null`): the proxy owns the connection, so each handler is explicit.
 */
export async function connectBridge(frame: Window, wiring: HostWiring): Promise<AppBridge> {
  const bridge = new AppBridge(
    null,
    { name: 'mcpscope', version: '0.1.0' },
    {
      openLinks: {},
      serverTools: {},
      serverResources: {},
      logging: {},
      message: { text: {} },
      updateModelContext: { text: {} },
      sandbox: {
        ...(wiring.csp !== undefined && { csp: wiring.csp }),
        ...(wiring.permissions !== undefined && { permissions: wiring.permissions }),
      },
    },
    {
      hostContext: {
        theme: wiring.dark ? 'dark' : 'light',
        displayMode: 'inline',
        availableDisplayModes: ['inline'],
        platform: 'web',
        locale: navigator.language,
        toolInfo: { tool: wiring.tool as unknown as Tool },
      },
    },
  );
  const { log } = wiring;
  const forward = async (
    method: 'tools/call' | 'resources/read',
    params: Record<string, unknown>,
  ) => {
    const update = log({ dir: 'app→host', method, detail: short(params), verdict: 'pending' });
    if (wiring.readOnly !== undefined) {
      update({ verdict: 'refused', detail: `${short(params)} — ${wiring.readOnly}` });
      throw new Error(`mcpscope refused ${method}: ${wiring.readOnly}`);
    }
    const outcome = await actions.request(wiring.sessionId, method, params, undefined, {
      via: 'app',
    });
    if (!outcome.ok) {
      update({
        verdict: 'refused',
        detail: `${short(params)} — ${outcome.message}`,
        ...(outcome.requestSeq !== undefined && { seq: outcome.requestSeq }),
      });
      throw new Error(outcome.message);
    }
    update({
      verdict: 'approved',
      detail: `${short(params)} → ${short(outcome.result)}`,
      ...(outcome.requestSeq !== undefined && { seq: outcome.requestSeq }),
    });
    return outcome.result;
  };
  bridge.oncalltool = async (params) => (await forward('tools/call', params)) as CallToolResult;
  bridge.onreadresource = async (params) =>
    (await forward('resources/read', params)) as ReadResourceResult;
  bridge.onmessage = (params) => {
    log({ dir: 'app→host', method: 'ui/message', detail: short(params), verdict: 'shown' });
    return Promise.resolve({});
  };
  bridge.onupdatemodelcontext = (params) => {
    log({
      dir: 'app→host',
      method: 'ui/update-model-context',
      detail: short(params),
      verdict: 'shown',
    });
    return Promise.resolve({});
  };
  bridge.onopenlink = async ({ url }) => {
    const update = log({
      dir: 'app→host',
      method: 'ui/open-link',
      detail: url,
      verdict: 'pending',
    });
    const safe = /^https?:\/\//i.test(url);
    const agreed = safe && (await wiring.confirmLink(url));
    update({
      verdict: agreed ? 'approved' : 'refused',
      ...(!safe && { detail: `${url} — only http(s) links are opened` }),
    });
    if (agreed) window.open(url, '_blank', 'noopener,noreferrer');
    return agreed ? {} : { isError: true };
  };
  bridge.onrequestdisplaymode = (params) => {
    log({
      dir: 'app→host',
      method: 'ui/request-display-mode',
      detail: `${short(params)} — only inline here`,
      verdict: 'refused',
    });
    return Promise.resolve({ mode: 'inline' as const });
  };
  bridge.ondownloadfile = (params) => {
    log({ dir: 'app→host', method: 'ui/download-file', detail: short(params), verdict: 'refused' });
    return Promise.resolve({ isError: true });
  };
  bridge.onsizechange = (params) => {
    log({
      dir: 'app→host',
      method: 'ui/notifications/size-changed',
      detail: short(params),
      verdict: 'approved',
    });
    if (typeof params.height === 'number') wiring.onHeight(params.height);
  };
  bridge.onloggingmessage = (params) => {
    log({
      dir: 'app→host',
      method: 'notifications/message',
      detail: short(params),
      verdict: 'shown',
    });
  };
  bridge.onsandboxready = () => {
    log({
      dir: 'app→host',
      method: 'ui/notifications/sandbox-proxy-ready',
      detail: 'the sandbox page is up',
      verdict: 'shown',
    });
  };
  bridge.oninitialized = () => {
    log({
      dir: 'app→host',
      method: 'ui/notifications/initialized',
      detail: short(bridge.getAppVersion()),
      verdict: 'shown',
    });
    void bridge.sendToolInput({ arguments: wiring.args });
    log({
      dir: 'host→app',
      method: 'ui/notifications/tool-input',
      detail: short(wiring.args),
      verdict: 'sent',
    });
    const { result } = wiring;
    if (result?.ok === true) {
      void bridge.sendToolResult(result.value as CallToolResult);
      log({
        dir: 'host→app',
        method: 'ui/notifications/tool-result',
        detail: short(result.value),
        verdict: 'sent',
      });
    } else if (result?.ok === false) {
      void bridge.sendToolCancelled({ reason: result.reason });
      log({
        dir: 'host→app',
        method: 'ui/notifications/tool-cancelled',
        detail: result.reason,
        verdict: 'sent',
      });
    }
  };
  await bridge.connect(new PostMessageTransport(frame, frame));
  return bridge;
}
