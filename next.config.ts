import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships WASM and resolves files by path: it must not be bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pino", "proper-lockfile"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
