import { describe, expect, it } from 'vitest';
import { explainEraError } from '../src/era-errors.js';

// One reading of the 2026-07-28 errors for the CLI and the UI: the same facts, each face's
// own next step.
describe('explainEraError', () => {
  const unsupported = {
    code: -32022,
    message: 'Unsupported protocol version',
    data: { supportedVersions: ['2026-07-28'], requested: '2025-11-25' },
  };

  it('reads -32022 the same way for both faces, with each one’s next step', () => {
    const cli = explainEraError(unsupported, { audience: 'cli' })!;
    const ui = explainEraError(unsupported, { audience: 'ui' })!;
    expect(cli.supported).toEqual(['2026-07-28']);
    expect(ui.supported).toEqual(['2026-07-28']);
    expect(cli.what).toBe('the client sent 2025-11-25, the server supports 2026-07-28');
    expect(ui.what).toBe('The client sent 2025-11-25; the server supports 2026-07-28.');
    expect(cli.next).toContain('--protocol-version 2026-07-28');
    expect(ui.next).toContain('Pinned revision 2026-07-28');
  });

  it('names the capability -32021 asks for in any of its shapes, and whether it was declared', () => {
    for (const data of [
      { requiredCapabilities: { sampling: {} } },
      { missing: ['sampling'] },
      { capability: 'sampling' },
    ]) {
      const error = { code: -32021, message: 'needs sampling', data };
      expect(explainEraError(error, { audience: 'cli' })!.next).toBe(
        'Declare it with --sampling-response',
      );
      expect(explainEraError(error, { audience: 'ui', declared: { roots: {} } })!.what).toContain(
        'This session did not declare sampling.',
      );
    }
  });

  it('reads -32020 from the SDK’s mismatch object, and nothing from other errors', () => {
    const error = {
      code: -32020,
      message: 'Header mismatch',
      data: { mismatch: { header: 'Mcp-Method', body: 'tools/list' } },
    };
    expect(explainEraError(error, { audience: 'cli' })!.what).toBe(
      'the Mcp-Method header disagrees with the request body (tools/list)',
    );
    expect(explainEraError(error, { audience: 'ui' })!.what).toBe(
      'The Mcp-Method header disagrees with the request body (the server says: tools/list).',
    );
    expect(explainEraError({ code: -32601, message: 'nope' }, { audience: 'ui' })).toBeUndefined();
  });
});
