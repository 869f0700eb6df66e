import type { MetadataRoute } from "next";

/**
 * /robots.txt: a call centre's desk has nothing for search engines. Every crawler is kept
 * off every path (pages also say noindex, see app/layout.tsx, and every answer carries
 * X-Robots-Tag, lib/http/security-headers.ts, for links found elsewhere).
 */
export default function robots(): MetadataRoute.Robots {
  return { rules: { userAgent: "*", disallow: "/" } };
}
