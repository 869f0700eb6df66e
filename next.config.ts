import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

// next-intl reads each request's language and messages from i18n/request.ts.
const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

const nextConfig: NextConfig = {
  // PGlite ships WASM and resolves files by path: it must not be bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pino", "proper-lockfile", "undici"],
  poweredByHeader: false,
  // A self-contained server in .next/standalone (server.js with only the node_modules it
  // needs), which the container image runs; `npm run build` completes it with
  // scripts/standalone.ts (static files, public/, the catalogue and the migrations).
  output: "standalone",
  reactStrictMode: true,
  experimental: {
    // proxy.ts runs for every path, and Next.js hands a route handler only this much of a
    // body that went through it. It must stay above every handler's own limit (import
    // upload 20 MB, /api/v1/calls 10 MB: lib/http/body.ts), so that a body over a limit is
    // answered 413 and never arrives cut short.
    proxyClientMaxBodySize: "25mb",
    // Stated, not changed: lib/http/server-action-guard.ts refuses bigger bodies with 413
    // before Next.js would answer them with 500. No allowedOrigins: actions accept only
    // this site's own Origin.
    serverActions: { bodySizeLimit: "1mb" },
  },
};

export default withNextIntl(nextConfig);
