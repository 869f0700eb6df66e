import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, securityHeaders } from "./security-headers";

describe("security headers", () => {
  it("production: scripts only with the nonce, no eval, no framing, no plain-HTTP upgrade without HTTPS", () => {
    const csp = contentSecurityPolicy({ nonce: "abc", dev: false, https: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(
      securityHeaders({ nonce: "abc", dev: false, https: false })["Strict-Transport-Security"],
    ).toBeUndefined();
  });

  it("development allows eval; HTTPS adds HSTS and the upgrade", () => {
    expect(contentSecurityPolicy({ nonce: "abc", dev: true, https: false })).toContain("'unsafe-eval'");
    const h = securityHeaders({ nonce: "abc", dev: false, https: true });
    expect(h["Strict-Transport-Security"]).toBe("max-age=31536000");
    expect(h["Content-Security-Policy"]).toContain("upgrade-insecure-requests");
    expect(h["X-Content-Type-Options"]).toBe("nosniff");
    expect(h["X-Robots-Tag"]).toBe("noindex, nofollow");
  });

  it("a fresh, unguessable nonce each time", () => {
    const a = newNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(newNonce()).not.toBe(a);
  });
});
