import type { CliIo } from '../common/io.js';
import { UsageError } from '../common/usage-error.js';

export interface HttpTapOptions {
  port: number;
  url: URL;
  record: string | false | undefined;
  redact: boolean;
  ui: boolean;
  io: CliIo;
  name?: string;
}

export function runHttpTap(_options: HttpTapOptions): Promise<number> {
  return Promise.reject(new UsageError('--listen is not available in this build yet'));
}
