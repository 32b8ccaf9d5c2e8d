import type { Handshake } from '@mcpscope/protocol';
import { Badge } from '../../components/Badge';

/** "2026-07-28 · stateless" or "legacy · initialize": which era the session speaks. */
export function EraBadge({ handshake }: { handshake: Handshake }) {
  return handshake.era === 'modern' ? (
    <span data-testid="era-badge" data-era="modern">
      <Badge tone="violet" title="server/discover, then a _meta envelope on every request">
        {handshake.agreed.protocolVersion} · stateless
      </Badge>
    </span>
  ) : (
    <span data-testid="era-badge" data-era="legacy">
      <Badge tone="blue" title="initialize, then a stateful session">
        legacy · initialize
      </Badge>
    </span>
  );
}
