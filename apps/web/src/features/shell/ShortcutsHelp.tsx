import { PANELS } from './panels';

/** The keyboard shortcuts, listed where users look for them. */
export const SHORTCUTS: [string, string][] = [
  ...PANELS.map((p): [string, string] => [`Alt+${p.key}`, p.label]),
  ['Alt+N', 'New connection'],
  ['/', 'Search the traffic log'],
  ['Ctrl+Enter', 'Send (tool call, request composer)'],
  ['[ / ]', 'Recording: previous / next entry'],
  ['{ / }', 'Recording: jump to start / end'],
  ['?', 'This list'],
  ['Esc', 'Close dialogs'],
];

/** A dialog listing every shortcut. */
export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  return (
    <div
      className="fixed inset-0 z-50 flex items-center justify-center bg-black/40"
      onClick={onClose}
      role="dialog"
      aria-label="Keyboard shortcuts"
    >
      <div
        className="w-96 rounded-lg bg-white p-5 shadow-xl dark:bg-zinc-900"
        onClick={(e) => e.stopPropagation()}
      >
        <h2 className="mb-3 font-semibold">Keyboard shortcuts</h2>
        <table className="w-full text-sm">
          <tbody>
            {SHORTCUTS.map(([keys, what]) => (
              <tr key={keys}>
                <td className="py-1 pr-4">
                  <kbd className="rounded border border-zinc-300 bg-zinc-50 px-1.5 py-0.5 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-800">
                    {keys}
                  </kbd>
                </td>
                <td className="py-1">{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
