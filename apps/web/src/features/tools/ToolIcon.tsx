import { ImageOff, Wrench } from 'lucide-react';
import { useState } from 'react';
import { heldBackTitle, iconSource, useRemoteImages } from '../../lib/remote-images';
import type { ToolIconInfo } from './tool-info';

function describe(icon: ToolIconInfo): string {
  return [icon.mimeType, icon.sizes.join(' '), icon.theme && `${icon.theme} theme`]
    .filter(Boolean)
    .join(' · ');
}

/**
 * A tool's icon: the first of `icons` (in order of preference) that loads, else a wrench. A
 * data: icon shows at once; one at an http(s) URL only once "Load remote images" is on
 * (lib/remote-images.ts), and then without a referrer.
 */
export function ToolIcon({ icons, size = 16 }: { icons: ToolIconInfo[]; size?: number }) {
  const remote = useRemoteImages((s) => s.enabled);
  const [failed, setFailed] = useState<ReadonlySet<string>>(new Set());
  const usable = icons.filter((i) => iconSource(i.src, true).kind === 'show');
  const icon = usable.find((i) => !failed.has(i.src) && iconSource(i.src, remote).kind === 'show');
  if (icon === undefined) {
    const held = usable.find((i) => !failed.has(i.src));
    const source = held === undefined ? undefined : iconSource(held.src, remote);
    if (source?.kind === 'remote')
      return (
        <span title={heldBackTitle(source.host)} data-testid="icon-held-back" className="shrink-0">
          <ImageOff size={size - 2} className="text-zinc-400" aria-hidden />
        </span>
      );
    return <Wrench size={size - 2} className="shrink-0 text-zinc-400" aria-hidden />;
  }
  return (
    <img
      src={icon.src}
      alt=""
      width={size}
      height={size}
      referrerPolicy="no-referrer"
      loading="lazy"
      decoding="async"
      title={describe(icon)}
      className="shrink-0 rounded-sm object-contain"
      style={{ width: size, height: size }}
      onError={() => setFailed(new Set([...failed, icon.src]))}
    />
  );
}
