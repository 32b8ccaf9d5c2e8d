import { Badge } from '../../components/Badge';

const TONE = {
  same: 'green',
  different: 'red',
  changed: 'amber',
  added: 'violet',
  removed: 'violet',
  'only-a': 'violet',
  'only-b': 'violet',
  unanswered: 'neutral',
  truncated: 'neutral',
} as const;

const TEXT: Record<keyof typeof TONE, string> = {
  same: 'same',
  different: 'different',
  changed: 'changed',
  added: 'only in b',
  removed: 'only in a',
  'only-a': 'only in a',
  'only-b': 'only in b',
  unanswered: 'not answered',
  truncated: 'truncated',
};

const WHY: Partial<Record<keyof typeof TONE, string>> = {
  unanswered: 'A side has no response to compare',
  truncated:
    'A side holds only a preview of this payload (a live session shows large payloads in part); open the frames to see them whole',
};

/** How one item of a diff compares, in words and colour. */
export function StatusBadge({ status }: { status: keyof typeof TONE }) {
  return (
    <Badge tone={TONE[status]} title={WHY[status]}>
      {TEXT[status]}
    </Badge>
  );
}
