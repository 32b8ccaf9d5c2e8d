import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where mcpscope keeps its settings: $MCPSCOPE_CONFIG_DIR, else $XDG_CONFIG_HOME/mcpscope, else ~/.config/mcpscope. */
export function configDir(): string {
  return (
    process.env['MCPSCOPE_CONFIG_DIR'] ??
    join(process.env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), 'mcpscope')
  );
}
