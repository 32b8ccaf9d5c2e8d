import { Image, ImageOff } from 'lucide-react';
import { setRemoteImages, useRemoteImages } from '../lib/remote-images';

/** The top bar's switch for images a server names by URL (see lib/remote-images.ts). */
export function RemoteImagesSwitch() {
  const enabled = useRemoteImages((s) => s.enabled);
  const Icon = enabled ? Image : ImageOff;
  return (
    <button
      type="button"
      role="switch"
      aria-checked={enabled}
      aria-label="Load remote images"
      onClick={() => setRemoteImages(!enabled)}
      title={
        enabled
          ? 'Remote images: on. Icons a server names by URL are fetched from that URL (click to stop)'
          : 'Remote images: off. Icons a server names by URL are not fetched; data: icons still show (click to load them)'
      }
      className={`rounded p-1.5 hover:bg-zinc-200 dark:hover:bg-zinc-800 ${enabled ? 'text-amber-600 dark:text-amber-400' : 'text-zinc-500'}`}
    >
      <Icon size={16} />
    </button>
  );
}
