import type { SessionSummary } from '@mcpscope/protocol';

/**
 * Loose readers for what servers send. The proxy classifies server traffic and never rejects
 * it, so the panels read every field defensively: a missing or mistyped field is left out of
 * the view, and the raw JSON stays one click away.
 */

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** An entry of `icons[]` (MCP 2025-11-25) on a resource, template, prompt or tool. */
export interface IconView {
  src: string;
  mimeType: string | undefined;
  sizes: string[];
  theme: string | undefined;
}

export function readIcons(value: unknown): IconView[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((icon) => {
    if (!isObject(icon) || typeof icon.src !== 'string') return [];
    return [
      {
        src: icon.src,
        mimeType: str(icon.mimeType),
        sizes: Array.isArray(icon.sizes) ? icon.sizes.filter((s) => typeof s === 'string') : [],
        theme: str(icon.theme),
      },
    ];
  });
}

/** `annotations` of a resource or template. */
export interface AnnotationsView {
  audience: string[];
  priority: number | undefined;
  lastModified: string | undefined;
}

export function readAnnotations(value: unknown): AnnotationsView | undefined {
  if (!isObject(value)) return undefined;
  const audience = Array.isArray(value.audience) ? value.audience.map(String) : [];
  const priority = num(value.priority);
  const lastModified = str(value.lastModified);
  if (audience.length === 0 && priority === undefined && lastModified === undefined)
    return undefined;
  return { audience, priority, lastModified };
}

/** The server capabilities the resources and prompts panels act on. */
export interface ServerCaps {
  resources: { subscribe: boolean; listChanged: boolean } | undefined;
  prompts: { listChanged: boolean } | undefined;
  completions: boolean;
}

/** What the server agreed to in the handshake, or `undefined` before the handshake is done. */
export function serverCaps(summary: SessionSummary): ServerCaps | undefined {
  const agreed = summary.handshake?.agreed;
  if (agreed === undefined) return undefined;
  const caps = isObject(agreed.capabilities) ? agreed.capabilities : {};
  const resources = isObject(caps.resources) ? caps.resources : undefined;
  const prompts = isObject(caps.prompts) ? caps.prompts : undefined;
  return {
    resources: resources && {
      subscribe: resources.subscribe === true,
      listChanged: resources.listChanged === true,
    },
    prompts: prompts && { listChanged: prompts.listChanged === true },
    completions: isObject(caps.completions),
  };
}

/**
 * Which handshake a panel's cached state belongs to. A reconnect runs a new handshake, and
 * whatever the server knew about us (subscriptions) is gone with the old connection.
 */
export function handshakeEpoch(summary: SessionSummary): string {
  return `${summary.handshake?.responseSeq ?? summary.handshake?.requestSeq ?? 'none'}`;
}
