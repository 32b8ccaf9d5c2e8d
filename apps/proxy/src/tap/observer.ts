import type { ServerConfig, TapSource, TrafficEntry, TransportFacts } from '@mcpscope/protocol';
import { RecordingLibrary } from '@mcpscope/engine/recording/library';
import { Redactor } from '@mcpscope/engine/recording/redact';
import { RecordingWriter } from '@mcpscope/engine/recording/writer';
import { TrafficLog } from '@mcpscope/engine/session/traffic-log';
import { DEFAULT_MAX_LINE_BYTES, LineSplitter } from '@mcpscope/engine/transports/line-splitter';
import { longLine } from '@mcpscope/engine/transports/stdio';
import { VERSION } from '../version.js';
import { UiLink } from './ui-link.js';

/** How many entries a tap keeps in memory (docs/tap.md); `MCPSCOPE_TAP_MEMORY_ENTRIES` sets it. */
export const TAP_MEMORY_ENTRIES = memoryEntries(process.env['MCPSCOPE_TAP_MEMORY_ENTRIES']);

function memoryEntries(text: string | undefined): number {
  const n = Number(text);
  return Number.isInteger(n) && n > 0 ? n : 20_000;
}

/** The recording header's `client` of a tap: the host's own clientInfo is in the traffic. */
export const TAP_CLIENT = { name: 'mcpscope-tap', version: VERSION };

export interface TapObserverOptions {
  source: TapSource;
  /** The tapped server as the host reaches it; the recording's target. */
  config: ServerConfig;
  /** A recording file; `undefined`: a new one in the recordings directory; `false`: none. */
  record: string | false | undefined;
  /** Redact secrets in the recording (default true). */
  redact: boolean;
  /** Look for a running `mcpscope ui` and feed it (default true). */
  ui: boolean;
  /** Where a tap says what went wrong on its side; never stdout, which belongs to the host. */
  warn: (message: string) => void;
}

/**
 * The third party of a tap: a copy of every frame that crosses between the host and the
 * server becomes an `observed` traffic entry, paired and timed by the engine's traffic log,
 * written to a recording as it happens and, while a `mcpscope ui` runs, fed to it. Nothing
 * here can stop or slow the relay for long: it is called after each chunk was passed on, and
 * its failures are reported on stderr, never thrown into the relay.
 */
export class TapObserver {
  /**
   * The newest entries, for a UI that attaches late; older ones are read back from the
   * recording then. Bounded so that a host running for days does not grow the tap.
   */
  readonly log = new TrafficLog({ observed: true, historyLimit: TAP_MEMORY_ENTRIES });
  readonly startedAt = new Date().toISOString();
  private recorder: RecordingWriter | undefined;
  private link: UiLink | undefined;
  private readonly splitters = new Map<'c2s' | 's2c' | 'stderr', LineSplitter>();

  private constructor(private readonly options: TapObserverOptions) {}

  /** Opens the recording, then starts looking for the UI. */
  static async start(options: TapObserverOptions): Promise<TapObserver> {
    const observer = new TapObserver(options);
    if (options.record !== false) {
      const recording = {
        config: options.config,
        client: TAP_CLIENT,
        redact: options.redact,
      };
      try {
        if (options.record === undefined) {
          const library = new RecordingLibrary();
          await library.load();
          observer.recorder = library.start(recording);
        } else {
          observer.recorder = new RecordingWriter(options.record, recording);
        }
        observer.log.addRecorder(observer.recorder.write);
      } catch (error) {
        options.warn(
          `mcpscope tap: cannot record (${(error as Error).message}); traffic still flows`,
        );
      }
    }
    if (options.ui) {
      // HTTP headers carry the host's credentials: the UI gets them as the recording does.
      const redactor =
        options.source === 'http' && options.redact
          ? new Redactor({ config: options.config })
          : undefined;
      const outgoing =
        redactor === undefined
          ? undefined
          : (entry: TrafficEntry): TrafficEntry =>
              entry.transport?.http === undefined
                ? entry
                : (JSON.parse(redactor.line(entry)) as TrafficEntry);
      observer.link = new UiLink(
        observer.log,
        {
          type: 'open',
          source: options.source,
          config: options.config,
          startedAt: observer.startedAt,
          pid: process.pid,
          ...(observer.recorder !== undefined && { recording: observer.recorder.path }),
        },
        outgoing,
      );
      observer.link.start();
    }
    return observer;
  }

  /** The recording file, if one is being written. */
  get recording(): string | undefined {
    return this.recorder?.path;
  }

  /** A chunk of a line-framed stream (stdio); complete lines become entries. */
  chunk(stream: 'c2s' | 's2c' | 'stderr', chunk: Buffer): void {
    this.guard(() => this.splitter(stream).push(chunk));
  }

  /** One whole frame (an HTTP body, an SSE event's data). */
  frame(dir: 'c2s' | 's2c', text: string, transport?: TransportFacts): TrafficEntry[] {
    let entries: TrafficEntry[] = [];
    this.guard(() => {
      entries = this.log.appendText(dir, text, transport === undefined ? {} : { transport });
    });
    return entries;
  }

  /** A transport fact: an HTTP exchange, a lifecycle change. */
  fact(
    kind: 'http' | 'lifecycle' | 'stderr',
    fact: { raw?: string; transport?: TransportFacts },
  ): TrafficEntry | undefined {
    let entry: TrafficEntry | undefined;
    this.guard(() => {
      entry = this.log.appendFact(kind, fact);
    });
    return entry;
  }

  /** Flushes partial lines, notes the end, closes the recording, tells the UI (briefly). */
  async end(detail: string, transport: TransportFacts = {}): Promise<void> {
    for (const [stream, splitter] of this.splitters) {
      const rest = splitter.flush();
      if (rest !== undefined && rest.length > 0) this.line(stream, rest);
    }
    this.fact('lifecycle', { transport: { ...transport, detail } });
    this.recorder?.close();
    await this.link?.close(detail);
  }

  private splitter(stream: 'c2s' | 's2c' | 'stderr'): LineSplitter {
    let splitter = this.splitters.get(stream);
    if (splitter === undefined) {
      splitter = new LineSplitter((line) => this.line(stream, line), {
        maxLineBytes: DEFAULT_MAX_LINE_BYTES,
        onLongLine: (head, bytes) => {
          const issue = longLine(
            stream === 'stderr' ? 'stderr' : 'stdout',
            bytes,
            DEFAULT_MAX_LINE_BYTES,
            head.length,
          );
          if (stream === 'stderr') this.fact('stderr', { raw: head.toString('utf8') });
          else
            this.log.appendUnparsed(stream, head.toString('utf8'), {
              size: bytes,
              issues: [issue],
            });
        },
      });
      this.splitters.set(stream, splitter);
    }
    return splitter;
  }

  private line(stream: 'c2s' | 's2c' | 'stderr', line: Buffer): void {
    if (stream === 'stderr') this.log.appendFact('stderr', { raw: line.toString('utf8') });
    else this.log.appendText(stream, line.toString('utf8'), { bytes: line });
  }

  private guard(body: () => void): void {
    try {
      body();
    } catch (error) {
      // A bug of ours on one frame must cost that frame's entry, never the host's traffic.
      this.options.warn(`mcpscope tap: could not log a frame: ${(error as Error).message}`);
    }
  }
}
