import type { Tool } from './tools-store';

/** One entry of a tool's `icons`, read defensively. */
export interface ToolIconInfo {
  src: string;
  mimeType: string | undefined;
  sizes: string[];
  theme: string | undefined;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** What a person reads first: `title`, then `annotations.title`, then `name`. */
export function toolTitle(tool: Tool): string {
  if (typeof tool.title === 'string' && tool.title.trim() !== '') return tool.title;
  const annotated = record(tool.annotations)?.title;
  if (typeof annotated === 'string' && annotated.trim() !== '') return annotated;
  return tool.name;
}

/** The tool's description, or undefined. */
export function toolDescription(tool: Tool): string | undefined {
  return typeof tool.description === 'string' && tool.description.trim() !== ''
    ? tool.description
    : undefined;
}

/** The first non-empty line of a description. */
export function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? ''
  );
}

/** The behaviour hints of MCP tool annotations, in the order they are shown. */
export const HINTS = [
  'readOnlyHint',
  'destructiveHint',
  'idempotentHint',
  'openWorldHint',
] as const;
/** One behaviour hint. */
export type Hint = (typeof HINTS)[number];

/** The hints the tool actually declares, with their values (absent ones are left out). */
export function toolHints(tool: Tool): { hint: Hint; value: boolean }[] {
  const annotations = record(tool.annotations);
  if (annotations === undefined) return [];
  return HINTS.flatMap((hint) =>
    typeof annotations[hint] === 'boolean' ? [{ hint, value: annotations[hint] }] : [],
  );
}

/**
 * Icons safe to put in an `<img>`: http(s) URLs and raster or SVG data URIs. Anything else
 * (javascript:, file:, relative paths that would hit the proxy) is left out.
 */
export function toolIcons(tool: Tool): ToolIconInfo[] {
  if (!Array.isArray(tool.icons)) return [];
  const icons: ToolIconInfo[] = [];
  for (const raw of tool.icons as unknown[]) {
    const icon = record(raw);
    if (icon === undefined || typeof icon.src !== 'string' || !safeIconSrc(icon.src)) continue;
    icons.push({
      src: icon.src,
      mimeType: typeof icon.mimeType === 'string' ? icon.mimeType : undefined,
      sizes: Array.isArray(icon.sizes)
        ? (icon.sizes as unknown[]).filter((s): s is string => typeof s === 'string')
        : [],
      theme: typeof icon.theme === 'string' ? icon.theme : undefined,
    });
  }
  return icons;
}

/** The icons in order of preference: those for the current theme, then unthemed, then the rest. */
export function iconsByPreference(icons: ToolIconInfo[], dark: boolean): ToolIconInfo[] {
  const theme = dark ? 'dark' : 'light';
  const rank = (i: ToolIconInfo): number => (i.theme === theme ? 0 : i.theme === undefined ? 1 : 2);
  return [...icons].sort((a, b) => rank(a) - rank(b));
}

function safeIconSrc(src: string): boolean {
  return /^https?:\/\//i.test(src) || /^data:image\/[\w.+-]+[;,]/i.test(src);
}
