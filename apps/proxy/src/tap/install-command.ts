import type { ExitCodeValue } from '../common/exit-codes.js';
import type { CliIo } from '../common/io.js';
import { reportUsageErrors } from '../common/subcommand.js';
import { UsageError } from '../common/usage-error.js';

export function runInstallCommand(
  verb: 'install' | 'uninstall',
  _argv: readonly string[],
  io: CliIo,
): Promise<ExitCodeValue> {
  return reportUsageErrors(`tap ${verb}`, io, () =>
    Promise.reject(new UsageError(`tap ${verb} is not available in this build yet`)),
  );
}
