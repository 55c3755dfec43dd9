import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The security headers of the PWA. CloudFront (ResponseHeadersPolicy) and the local gateway send
 * the very same set, built here.
 */
export interface SecurityHeaderOptions {
  /** `'sha256-…'` sources for SvelteKit's inline bootstrap scripts, read from the built HTML. */
  scriptHashes: readonly string[];
  /** Extra `connect-src` origins, e.g. the Cognito domain for the OIDC token request. */
  connectSources?: readonly string[];
  /** Only over HTTPS: ask the browser to upgrade any stray http:// subresource. */
  upgradeInsecureRequests?: boolean;
}

export const contentSecurityPolicy = (o: SecurityHeaderOptions): string =>
  [
    "default-src 'self'",
    ["script-src 'self'", ...o.scriptHashes].join(' '),
    // Svelte sets style attributes at run time; inline styles are allowed on purpose, scripts are not.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    ["connect-src 'self'", ...(o.connectSources ?? [])].join(' '),
    "worker-src 'self'",
    "manifest-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(o.upgradeInsecureRequests ? ['upgrade-insecure-requests'] : []),
  ].join('; ');

export const hstsMaxAgeSeconds = 63_072_000;

export const securityHeaders = (o: SecurityHeaderOptions): Record<string, string> => ({
  'content-security-policy': contentSecurityPolicy(o),
  'strict-transport-security': `max-age=${hstsMaxAgeSeconds}; includeSubDomains`,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(self), geolocation=(self), microphone=(self), payment=(), usb=()',
  'cross-origin-opener-policy': 'same-origin',
});

/** Hashes of every inline `<script>` in the built HTML files (SvelteKit emits one per page). */
export const inlineScriptHashes = (buildDir: string): string[] => {
  const hashes = new Set<string>();
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith('.html')) {
        const html = readFileSync(path, 'utf8');
        for (const match of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
          const body = match[1] ?? '';
          if (body.trim()) hashes.add(`'sha256-${createHash('sha256').update(body).digest('base64')}'`);
        }
      }
    }
  };
  visit(buildDir);
  return [...hashes].sort();
};
