import { Badge } from '../../components/Badge';

interface Icon {
  src?: unknown;
  mimeType?: unknown;
  sizes?: unknown;
}

/** serverInfo: name, title, version, description, website and icons, when present. */
export function ServerIdentity({ info }: { info: Record<string, unknown> }) {
  const icons = Array.isArray(info['icons']) ? (info['icons'] as Icon[]) : [];
  const text = (key: string): string | undefined =>
    typeof info[key] === 'string' ? info[key] : undefined;
  const website = text('websiteUrl');
  return (
    <div className="flex items-start gap-3">
      {icons
        .filter((i) => typeof i.src === 'string')
        .slice(0, 1)
        .map((icon) => (
          <img
            key={String(icon.src)}
            src={String(icon.src)}
            alt=""
            referrerPolicy="no-referrer"
            className="h-10 w-10 rounded"
          />
        ))}
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
