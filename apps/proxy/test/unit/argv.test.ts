import { Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { splitArgv } from '../../src/common/argv.js';

// The same option shapes as the one-shot program: valued, short+long, boolean, optional value.
const options = [
  new Option('--cli'),
  new Option('--method <method>'),
  new Option('--tool-arg <key=value>'),
  new Option('-e, --env <KEY=value>'),
  new Option('--verbose'),
  new Option('--no-redact'),
  new Option('--color [when]'),
];

const split = (...argv: string[]): { own: string[]; target: string[] } => splitArgv(argv, options);

describe('splitArgv', () => {
  it('takes the target after the flags', () => {
    expect(split('--cli', '--method', 'tools/list', 'node', 'build/index.js')).toEqual({
      own: ['--cli', '--method', 'tools/list'],
      target: ['node', 'build/index.js'],
    });
  });

  it('takes the target before the flags, with the server’s own unknown flags', () => {
    expect(
      split(
        'npx',
        '-y',
        '@modelcontextprotocol/server-everything',
        '--port',
        '3000',
        '--method',
        'tools/list',
        '--verbose',
      ),
    ).toEqual({
      own: ['--method', 'tools/list', '--verbose'],
      target: ['npx', '-y', '@modelcontextprotocol/server-everything', '--port', '3000'],
    });
  });

  it('takes a URL target between flags', () => {
    expect(split('--method', 'ping', 'http://127.0.0.1:3001/mcp', '--no-redact')).toEqual({
      own: ['--method', 'ping', '--no-redact'],
      target: ['http://127.0.0.1:3001/mcp'],
    });
  });

  it('gives everything after -- to the target, even our own flag names', () => {
    expect(
      split('--method', 'ping', '--', 'node', '-e', 'console.log(1)', '--method', 'x', '--'),
    ).toEqual({
      own: ['--method', 'ping'],
      target: ['node', '-e', 'console.log(1)', '--method', 'x', '--'],
    });
  });

  it('keeps --opt=value as one token and does not swallow the next one', () => {
    expect(split('--method=tools/call', '--tool-arg=expr=a=b', 'node', 's.js')).toEqual({
      own: ['--method=tools/call', '--tool-arg=expr=a=b'],
      target: ['node', 's.js'],
    });
  });

  it('takes the value of a valued flag even when it starts with a dash', () => {
    expect(split('--tool-arg', '-5', '-e', 'K=V', 'node')).toEqual({
      own: ['--tool-arg', '-5', '-e', 'K=V'],
      target: ['node'],
    });
  });

  it('claims a server flag that collides with ours (-e) unless -- is used', () => {
    expect(split('node', '-e', 'code', '--method', 'ping')).toEqual({
      own: ['-e', 'code', '--method', 'ping'],
      target: ['node'],
    });
    expect(split('--method', 'ping', '--', 'node', '-e', 'code')).toEqual({
      own: ['--method', 'ping'],
      target: ['node', '-e', 'code'],
    });
  });

  it('lets boolean flags stand anywhere without taking a value', () => {
    expect(split('--verbose', 'node', '--cli', 'server.js')).toEqual({
      own: ['--verbose', '--cli'],
      target: ['node', 'server.js'],
    });
  });

  it('takes an optional value only when it does not look like a flag', () => {
    expect(split('--color', 'always', 'node')).toEqual({
      own: ['--color', 'always'],
      target: ['node'],
    });
    expect(split('--color', '--verbose', 'node')).toEqual({
      own: ['--color', '--verbose'],
      target: ['node'],
    });
  });

  it('knows --help and -h', () => {
    expect(split('node', '--help')).toEqual({ own: ['--help'], target: ['node'] });
    expect(split('-h')).toEqual({ own: ['-h'], target: [] });
  });

  it('does not treat a valued flag at the very end as swallowing anything', () => {
    expect(split('node', '--method')).toEqual({ own: ['--method'], target: ['node'] });
  });
});
