import { closeSync, fchmodSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  eraOfChoice,
  RECORDING_FORMAT,
  RECORDING_VERSION,
  type RecordingHeader,
  type ServerConfig,
  type TrafficEntry,
} from '@mcpscope/protocol';
import { Redactor } from './redact.js';

export interface RecordingWriterOptions {
  config: ServerConfig;
  client: { name: string; version: string };
  protocolVersion?: string;
  /** Redact secrets (default true). */
  redact?: boolean;
  patterns?: RegExp[];
}

/**
 * Writes a session as a v1 JSON Lines recording. Each entry is written with a synchronous
 * `write(2)` as it happens, so a proxy killed at any moment leaves a file that is valid up to
 * its last complete line.
 */
export class RecordingWriter {
  private fd: number | undefined;
  private readonly redactor: Redactor | undefined;
  private failure: Error | undefined;

  constructor(
    readonly path: string,
    options: RecordingWriterOptions,
  ) {
    this.redactor = options.redact === false ? undefined : new Redactor(options);
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'w', 0o600);
    // The mode above only applies to a new file; an overwritten one keeps its old mode.
    fchmodSync(this.fd, 0o600);
    const header: RecordingHeader = {
      format: RECORDING_FORMAT,
      version: RECORDING_VERSION,
      createdAt: new Date().toISOString(),
      target: this.redactor?.config(options.config) ?? options.config,
      client: options.client,
    };
    if (options.protocolVersion !== undefined) header.protocolVersion = options.protocolVersion;
    // The era is known up front only when it was chosen (a pinned --protocol-version); with
    // auto, readers infer it from the first handshake request (server/discover or initialize).
    const choice = options.config.protocolVersion;
    const era = choice === undefined ? undefined : eraOfChoice(choice);
    if (era !== undefined) header.era = era;
    writeSync(this.fd, JSON.stringify(header) + '\n');
  }

  /** The first write error, if any; writing stops after it rather than failing the session. */
  get error(): Error | undefined {
    return this.failure;
  }

  readonly write = (entry: TrafficEntry): void => {
    if (this.fd === undefined) return;
    const line = this.redactor?.line(entry) ?? JSON.stringify(entry);
    try {
      writeSync(this.fd, line + '\n');
    } catch (error) {
      this.failure = error as Error;
      this.close();
    }
  };

  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }
}
