import type { Handshake } from '@mcpscope/protocol';
import { Badge } from '../../components/Badge';
import { JsonView } from '../../components/JsonView';
import { SERVER_CAPABILITIES } from './capabilities';
import { CapabilityList } from './CapabilityList';

type Discover = NonNullable<Handshake['discover']>;

/** The modern era's `server/discover` result: versions, capabilities, extensions, instructions. */
export function DiscoverCard({ discover, agreed }: { discover: Discover; agreed: string }) {
  const { extensions, ...capabilities } = discover.capabilities;
  const extensionList =
    typeof extensions === 'object' && extensions !== null
      ? Object.entries(extensions as Record<string, unknown>)
      : [];
  return (
    <div className="space-y-3 text-sm" data-testid="discover">
      <div className="flex flex-wrap items-center gap-1.5">
        <span className="text-xs text-zinc-500">supportedVersions</span>
        {discover.supportedVersions.map((v) => (
          <Badge key={v} tone={v === agreed ? 'green' : 'neutral'}>
            {v}
          </Badge>
        ))}
      </div>
      <div>
        <p className="mb-1 text-xs text-zinc-500">capabilities</p>
        <CapabilityList capabilities={capabilities} meanings={SERVER_CAPABILITIES} />
      </div>
      {extensionList.length > 0 && (
        <div>
          <p className="mb-1 text-xs text-zinc-500">capabilities.extensions</p>
          <ul className="space-y-1">
            {extensionList.map(([name, value]) => (
              <li key={name} className="flex items-start gap-2">
                <code className="font-semibold">{name}</code>
                <JsonView value={value} label={name} />
              </li>
            ))}
          </ul>
        </div>
      )}
      <div>
        <p className="mb-1 text-xs text-zinc-500">instructions</p>
        {discover.instructions === undefined ? (
          <p className="text-zinc-500">none</p>
        ) : (
          <pre className="max-h-40 overflow-auto whitespace-pre-wrap">{discover.instructions}</pre>
        )}
      </div>
      <div>
        <p className="mb-1 text-xs text-zinc-500">serverInfo</p>
        {discover.serverInfo === undefined ? (
          <p className="text-zinc-500">not in the result (a modern server sends it in _meta)</p>
        ) : (
          <code className="text-xs">{JSON.stringify(discover.serverInfo)}</code>
        )}
      </div>
    </div>
  );
}
