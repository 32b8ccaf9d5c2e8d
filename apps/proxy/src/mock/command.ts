import type { ExitCodeValue } from '../cli/exit-codes.js';
import type { CliIo } from '../cli/oneshot.js';

export function runMockCommand(_argv: readonly string[], _io: CliIo): Promise<ExitCodeValue> {
  return Promise.resolve(2);
}
