/**
 * The bare page's own config, so that it does not take the project's (Next.js looks for
 * one up the folders). Each bundler builds into its own folder, set by
 * scripts/bench/bare-page.ts, so both builds stay side by side.
 */
export default {
  distDir: process.env.BARE_DIST_DIR ?? ".next",
};
