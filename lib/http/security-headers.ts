/**
 * The security headers of every response (set by proxy.ts, which runs for every path, static
 * files and errors included). The Content-Security-Policy allows scripts only from this site
 * and with this response's nonce ('strict-dynamic' lets Next.js's own scripts load the
 * chunks they need); Next.js reads the nonce from the request's CSP header and puts it on
 * the scripts it writes (https://nextjs.org/docs/app/guides/content-security-policy).
 * Development adds 'unsafe-eval' (React's dev tooling needs it) and the dev server's socket.
 * Style rules may be inline (see style-src below).
 */
export type SecurityHeaderOptions = { nonce: string; dev: boolean; https: boolean };

export function contentSecurityPolicy({ nonce, dev, https }: SecurityHeaderOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Styles: 'unsafe-inline', no nonce. Next.js's built-in pages render <style> elements
    // and React renders style="" attributes, which no nonce can cover (and with a nonce in
    // the list, browsers ignore 'unsafe-inline'). A style cannot run code; scripts stay strict.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    // The service worker (public/sw.js, made by scripts/build-sw.ts) comes from this site only.
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // Only on a site served over HTTPS: on plain HTTP it would point every asset at https://.
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(options),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    // For browsers that predate frame-ancestors.
    "X-Frame-Options": "DENY",
    // Kept out of search engines (robots.txt keeps crawlers off; this covers a link found elsewhere).
    "X-Robots-Tag": "noindex, nofollow",
    ...(options.https ? { "Strict-Transport-Security": "max-age=31536000" } : {}),
  };
}

/** 128 random bits, base64: a fresh one for every request. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
