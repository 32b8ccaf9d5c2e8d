import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

// Every test file (and every process it starts) records into its own temporary data
// directory: `mcpscope ui` records sessions by default, and tests must never write to the
// developer's ~/.local/share/mcpscope.
const dir = mkdtempSync(join(tmpdir(), 'mcpscope-data-'));
process.env['MCPSCOPE_DATA_DIR'] = dir;
afterAll(() => rmSync(dir, { recursive: true, force: true }));
