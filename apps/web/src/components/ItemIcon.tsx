import { ImageOff } from 'lucide-react';
import { useState } from 'react';
import { heldBackTitle, iconSource, useRemoteImages } from '../lib/remote-images';
import type { IconView } from '../lib/mcp-shapes';

/**
 * The icon of a list item, picked for the theme: an icon marked `theme: "dark"` is drawn for
 * dark backgrounds, anything else for light ones. Nothing when there is no icon or it fails.
 */
export function ItemIcon({ icons, size = 16 }: { icons: IconView[]; size?: number }) {
  const light = icons.find((i) => i.theme !== 'dark') ?? icons[0];
  const dark = icons.find((i) => i.theme === 'dark') ?? light;
  if (light === undefined || dark === undefined) return null;
  if (light === dark) return <IconImage icon={light} size={size} className="inline-block" />;
  return (
    <>
      <IconImage icon={light} size={size} className="inline-block dark:hidden" />
      <IconImage icon={dark} size={size} className="hidden dark:inline-block" />
    </>
  );
}

/** Every icon a server declared, with its sizes and theme, for a detail view. */
export function IconStrip({ icons }: { icons: IconView[] }) {
  if (icons.length === 0) return null;
  return (
    <div className="flex flex-wrap items-center gap-2 text-[11px] text-zinc-500">
      {icons.map((icon, i) => (
        <span
          key={i}
          className="inline-flex items-center gap-1"
          title={icon.src.length > 200 ? `${icon.src.slice(0, 200)}…` : icon.src}
        >
          <IconImage icon={icon} size={20} className="inline-block" />
          {[icon.sizes.join(' '), icon.theme, icon.mimeType].filter(Boolean).join(' · ')}
        </span>
      ))}
    </div>
  );
}

function IconImage({
  icon,
  size,
  className,
}: {
  icon: IconView;
  size: number;
  /** Carries the display (`inline-block`, `hidden dark:inline-block`) so the theme can switch it. */
  className: string;
}) {
  const remote = useRemoteImages((s) => s.enabled);
  const [broken, setBroken] = useState(false);
  const source = iconSource(icon.src, remote);
  if (broken || source.kind === 'refused') return null;
  if (source.kind === 'remote')
    return (
      <span title={heldBackTitle(source.host)} data-testid="icon-held-back" className={className}>
        <ImageOff size={size - 2} className="text-zinc-400" aria-hidden />
      </span>
    );
  return (
    <img
      src={source.src}
      alt=""
      width={size}
      height={size}
      referrerPolicy="no-referrer"
      onError={() => setBroken(true)}
      className={`shrink-0 rounded-sm object-contain ${className}`}
      style={{ width: size, height: size }}
    />
  );
}
