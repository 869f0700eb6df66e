/**
 * The failure-code box's matching rule, browser-safe: every word the agent typed appears
 * in the option's search key (see lib/catalogue-text.ts, which builds the keys on the
 * server: code, meanings in every language, pinyin and pinyin initials).
 */
export function failCodeMatches(search: string, query: string): boolean {
  const words = query.toLowerCase().trim().split(/\s+/u).filter(Boolean);
  return words.every((w) => search.includes(w));
}
