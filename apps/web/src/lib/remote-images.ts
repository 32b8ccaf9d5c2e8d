import { create } from 'zustand';

/**
 * Whether images a server names by URL (tool, prompt, resource and server icons) are loaded.
 * Off by default and not remembered across reloads: loading one makes this browser fetch any
 * URL the server chose (a tracking pixel, a request into the local network), with the page's
 * cookies for that host. data: icons need no fetch and always show.
 */
export const useRemoteImages = create<{ enabled: boolean }>(() => ({ enabled: false }));

/** Turns loading of remote images on or off. */
export function setRemoteImages(enabled: boolean): void {
  useRemoteImages.setState({ enabled });
}

/** How an icon `src` may be shown: as is, held back until the switch is on, or not at all. */
export type IconSource =
  { kind: 'show'; src: string } | { kind: 'remote'; host: string } | { kind: 'refused' };

/** Decides for one icon; `remote` is the switch's state. */
export function iconSource(src: string, remote: boolean): IconSource {
  if (/^data:image\/[\w.+-]+[;,]/i.test(src)) return { kind: 'show', src };
  if (/^https?:\/\//i.test(src) && URL.canParse(src))
    return remote ? { kind: 'show', src } : { kind: 'remote', host: new URL(src).host };
  // javascript:, file:, relative paths (they would hit the proxy), anything else.
  return { kind: 'refused' };
}

/** The tooltip of an icon held back. */
export function heldBackTitle(host: string): string {
  return `icon from ${host} not loaded: turn on "Load remote images" in the top bar to fetch it`;
}
