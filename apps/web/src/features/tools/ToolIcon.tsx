import { Wrench } from 'lucide-react';
import { useState } from 'react';
import type { ToolIconInfo } from './tool-info';

function describe(icon: ToolIconInfo): string {
  return [icon.mimeType, icon.sizes.join(' '), icon.theme && `${icon.theme} theme`]
    .filter(Boolean)
    .join(' · ');
}

/**
 * A tool's icon: the first of `icons` (in order of preference) that loads, else a wrench. The
 * image comes from the server's URL: no referrer is sent, and only http(s) and data:image
 * sources get this far.
 */
export function ToolIcon({ icons, size = 16 }: { icons: ToolIconInfo[]; size?: number }) {
  const [failed, setFailed] = useState<ReadonlySet<string>>(new Set());
  const icon = icons.find((i) => !failed.has(i.src));
  if (icon === undefined)
    return <Wrench size={size - 2} className="shrink-0 text-zinc-400" aria-hidden />;
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
