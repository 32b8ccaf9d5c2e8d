import {
  dataUri,
  decodeBase64,
  download,
  fileName,
  safeMime,
  TEXT_PREVIEW,
} from '../../lib/content-files';
import { Download, FileText, ImageOff } from 'lucide-react';
import { useMemo, useState, type ReactNode } from 'react';
import { Badge } from '../../components/Badge';
import { base64Bytes, formatBytes } from '../../lib/format';
import { CopyButton } from '../../components/CopyButton';
import { JsonView } from '../../components/JsonView';
import { isObject, str, type JsonObject } from '../../lib/mcp-shapes';

/** Text longer than this starts cut, so a multi-megabyte resource does not stall the page. */

/**
 * One item of `resources/read`'s `contents[]`, drawn for its MIME type: JSON as a tree, other
 * text as text, images as images, audio with controls, any other blob as a download.
 */
export function ResourceContentsView({
  item,
  requestedUri,
}: {
  item: unknown;
  requestedUri: string;
}) {
  if (!isObject(item)) {
    return (
      <Problem message="This contents item is not an object; shown as sent.">
        <JsonView value={item} />
      </Problem>
    );
  }
  const uri = str(item.uri);
  const mimeType = str(item.mimeType);
  const text = str(item.text);
  const blob = str(item.blob);
  return (
    <article
      className="rounded-md border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900/40"
      data-testid="resource-contents"
    >
      <header className="flex flex-wrap items-center gap-1.5 border-b border-zinc-100 px-2.5 py-1.5 text-xs dark:border-zinc-800">
        <FileText size={13} className="shrink-0 text-zinc-400" />
        <code className="min-w-0 break-all text-zinc-700 dark:text-zinc-300">
          {uri ?? '(no uri)'}
        </code>
        {uri !== undefined && uri !== requestedUri && (
          <Badge tone="amber" title="The server answered with a different URI than was read">
            different URI
          </Badge>
        )}
        <Badge tone={mimeType === undefined ? 'amber' : 'neutral'}>
          {mimeType ?? 'no mimeType'}
        </Badge>
        {text !== undefined && <Badge>{`${text.length.toLocaleString()} chars`}</Badge>}
        {blob !== undefined && <Badge>{formatBytes(base64Bytes(blob))}</Badge>}
        <span className="flex-1" />
        {text !== undefined && <CopyButton text={() => text} />}
      </header>
      <div className="p-2.5">
        {text !== undefined ? (
          <TextContents text={text} mimeType={mimeType} />
        ) : blob !== undefined ? (
          <BlobContents blob={blob} mimeType={mimeType} uri={uri ?? requestedUri} />
        ) : (
          <Problem message="Neither text nor blob is a string; shown as sent.">
            <JsonView value={item} />
          </Problem>
        )}
        {isObject(item._meta) && <Meta meta={item._meta} />}
      </div>
    </article>
  );
}

function Meta({ meta }: { meta: JsonObject }) {
  return (
    <details className="mt-2 text-xs">
      <summary className="cursor-pointer text-zinc-500">_meta</summary>
      <JsonView value={meta} expandDepth={1} />
    </details>
  );
}

function Problem({ message, children }: { message: string; children?: ReactNode }) {
  return (
    <div className="text-xs">
      <p className="mb-1 text-amber-700 dark:text-amber-400">{message}</p>
      {children}
    </div>
  );
}

/** JSON by MIME type (`application/json`, `…+json`) or because the text parses as JSON. */
function isJsonMime(mimeType: string | undefined): boolean {
  const base = mimeType?.split(';')[0]?.trim().toLowerCase();
  return (
    base !== undefined &&
    (base === 'application/json' || base.endsWith('+json') || base === 'text/json')
  );
}

function parseJson(text: string, byMime: boolean): { ok: true; value: unknown } | { ok: false } {
  const t = text.trimStart();
  if (!byMime && !t.startsWith('{') && !t.startsWith('[')) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function TextContents({ text, mimeType }: { text: string; mimeType: string | undefined }) {
  const byMime = isJsonMime(mimeType);
  const parsed = useMemo(() => parseJson(text, byMime), [text, byMime]);
  const [asText, setAsText] = useState(false);
  const [full, setFull] = useState(false);
  const long = text.length > TEXT_PREVIEW && !full;
  if (parsed.ok && !asText) {
    return (
      <div>
        <Toggle onClick={() => setAsText(true)}>Show as text</Toggle>
        {/* Room on the left for the tree's fold arrows. */}
        <div className="max-h-[36rem] overflow-auto pl-4">
          <JsonView value={parsed.value} expandDepth={3} label="JSON contents" />
        </div>
      </div>
    );
  }
  return (
    <div>
      {parsed.ok && <Toggle onClick={() => setAsText(false)}>Show as JSON</Toggle>}
      {byMime && !parsed.ok && (
        <p className="mb-1 text-xs text-amber-700 dark:text-amber-400">
          The mimeType says JSON but the text does not parse as JSON.
        </p>
      )}
      <pre className="max-h-[36rem] overflow-auto rounded bg-zinc-50 p-2 font-mono text-xs break-words whitespace-pre-wrap text-zinc-800 dark:bg-zinc-950 dark:text-zinc-200">
        {long ? text.slice(0, TEXT_PREVIEW) : text}
        {text.length === 0 && <span className="text-zinc-400 italic">(empty text)</span>}
      </pre>
      {long && (
        <button
          type="button"
          className="mt-1 text-xs text-indigo-600 hover:underline dark:text-indigo-400"
          onClick={() => setFull(true)}
        >
          Show all {text.length.toLocaleString()} characters
        </button>
      )}
    </div>
  );
}

function Toggle({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <div className="mb-1 flex justify-end">
      <button
        type="button"
        onClick={onClick}
        className="rounded px-1.5 py-0.5 text-xs text-zinc-500 hover:bg-zinc-100 hover:text-zinc-800 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
      >
        {children}
      </button>
    </div>
  );
}

function BlobContents({
  blob,
  mimeType,
  uri,
}: {
  blob: string;
  mimeType: string | undefined;
  uri: string;
}) {
  const bytes = useMemo(() => decodeBase64(blob), [blob]);
  const type = safeMime(mimeType);
  const [preview, setPreview] = useState(false);
  if (bytes === undefined) {
    return (
      <Problem message="The blob is not valid base64; shown as sent.">
        <pre className="max-h-40 overflow-auto font-mono text-xs break-all whitespace-pre-wrap">
          {blob.slice(0, 2000)}
        </pre>
      </Problem>
    );
  }
  const src = dataUri(blob, type);
  const textLike = type.startsWith('text/') || isJsonMime(type) || type.endsWith('+xml');
  const name = fileName(uri, type);
  return (
    <div className="space-y-2">
      {type.startsWith('image/') && <BlobImage src={src} type={type} />}
      {type.startsWith('audio/') && <audio controls src={src} className="w-full max-w-md" />}
      {type.startsWith('video/') && (
        <video controls src={src} className="max-h-96 max-w-full rounded" />
      )}
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          onClick={() => download(bytes, type, name)}
          className="inline-flex items-center gap-1.5 rounded-md border border-zinc-300 bg-white px-2.5 py-1 text-xs font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800"
        >
          <Download size={13} /> Download {name}
          <span className="font-normal text-zinc-500">
            {formatBytes(bytes.length)} · {type}
          </span>
        </button>
        {textLike && (
          <button
            type="button"
            onClick={() => setPreview(!preview)}
            aria-pressed={preview}
            className="rounded px-1.5 py-0.5 text-xs text-zinc-500 hover:bg-zinc-100 hover:text-zinc-800 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
          >
            {preview ? 'Hide decoded text' : 'Show decoded text'}
          </button>
        )}
      </div>
      {preview && <TextContents text={new TextDecoder().decode(bytes)} mimeType={type} />}
    </div>
  );
}

function BlobImage({ src, type }: { src: string; type: string }) {
  const [dims, setDims] = useState<string>();
  const [broken, setBroken] = useState(false);
  if (broken) {
    return (
      <p className="flex items-center gap-1 text-xs text-red-700 dark:text-red-400">
        <ImageOff size={13} /> The browser could not decode this image ({type}).
      </p>
    );
  }
  return (
    <figure className="space-y-1">
      <img
        src={src}
        alt="Resource image"
        onLoad={(e) =>
          setDims(`${e.currentTarget.naturalWidth}×${e.currentTarget.naturalHeight} px`)
        }
        onError={() => setBroken(true)}
        className="max-h-96 max-w-full rounded border border-zinc-200 bg-[repeating-conic-gradient(#e4e4e7_0%_25%,transparent_0%_50%)] bg-[length:16px_16px] dark:border-zinc-700"
      />
      {dims !== undefined && <figcaption className="text-[11px] text-zinc-500">{dims}</figcaption>}
    </figure>
  );
}
