import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, inlineScriptHashes, securityHeaders } from '#infra/security-headers.ts';

describe('security headers', () => {
  it('locks down scripts, frames, objects and base URIs', () => {
    const csp = contentSecurityPolicy({ scriptHashes: ["'sha256-abc'"] });
    const directives = Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['script-src']).toEqual(["'self'", "'sha256-abc'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-eval|\*/);
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(contentSecurityPolicy({ scriptHashes: [], upgradeInsecureRequests: true })).toContain(
      'upgrade-insecure-requests',
    );
  });

  it('sends HSTS for at least a year with subdomains, and the other hardening headers', () => {
    const headers = securityHeaders({ scriptHashes: [] });
    const maxAge = Number(/max-age=(\d+)/.exec(headers['strict-transport-security']!)?.[1]);
    expect(maxAge).toBeGreaterThanOrEqual(31_536_000);
    expect(headers['strict-transport-security']).toContain('includeSubDomains');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-content-type-options']).toBe('nosniff');
  });

  it('hashes every inline script of the built pages, and only inline ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'csp-'));
    writeFileSync(join(dir, 'a.html'), '<script>console.log(1)</script><script src="/x.js"></script>');
    writeFileSync(join(dir, 'b.html'), '<script type="module">console.log(1)</script><script>\n</script>');
    // sha256 of "console.log(1)", computed independently with openssl dgst -sha256
    expect(inlineScriptHashes(dir)).toEqual(["'sha256-CihokcEcBW4atb/CW/XWsvWwbTjqwQlE9nj9ii5ww5M='"]);
  });
});
