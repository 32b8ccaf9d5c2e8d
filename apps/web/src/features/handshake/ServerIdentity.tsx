import { ImageOff } from 'lucide-react';
import { Badge } from '../../components/Badge';
import { heldBackTitle, iconSource, useRemoteImages } from '../../lib/remote-images';

interface Icon {
  src?: unknown;
  mimeType?: unknown;
  sizes?: unknown;
}

/** serverInfo: name, title, version, description, website and icons, when present. */
export function ServerIdentity({ info }: { info: Record<string, unknown> }) {
  const remote = useRemoteImages((s) => s.enabled);
  const icons = Array.isArray(info['icons']) ? (info['icons'] as Icon[]) : [];
  const text = (key: string): string | undefined =>
    typeof info[key] === 'string' ? info[key] : undefined;
  const website = text('websiteUrl');
  return (
    <div className="flex items-start gap-3">
      {icons
        .filter((i) => typeof i.src === 'string')
        .slice(0, 1)
        .map((icon) => {
          const source = iconSource(String(icon.src), remote);
          if (source.kind === 'refused') return null;
          if (source.kind === 'remote')
            return (
              <span
                key="held"
                title={heldBackTitle(source.host)}
                data-testid="icon-held-back"
                className="flex h-10 w-10 items-center justify-center rounded bg-zinc-100 dark:bg-zinc-800"
              >
                <ImageOff size={20} className="text-zinc-400" aria-hidden />
              </span>
            );
          return (
            <img
              key={source.src}
              src={source.src}
              alt=""
              referrerPolicy="no-referrer"
              className="h-10 w-10 rounded"
            />
          );
        })}
      <div className="min-w-0">
        <div className="flex flex-wrap items-baseline gap-2">
          <span className="text-lg font-semibold">
            {text('title') ?? text('name') ?? '(no name)'}
          </span>
          {text('version') !== undefined && <Badge>v{text('version')}</Badge>}
        </div>
        {text('title') !== undefined && (
          <div className="font-mono text-xs text-zinc-500">{text('name')}</div>
        )}
        {text('description') !== undefined && (
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{text('description')}</p>
        )}
        {website !== undefined && /^https?:\/\//.test(website) && (
          <a
            href={website}
            target="_blank"
            rel="noreferrer noopener"
            className="text-sm text-indigo-600 hover:underline dark:text-indigo-400"
          >
            {website}
          </a>
        )}
      </div>
    </div>
  );
}
