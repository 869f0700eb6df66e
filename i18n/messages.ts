import { type Locale, namespaces } from "./config";

/** A language's messages, every namespace (messages/<locale>/<namespace>.json). No request needed. */
export async function loadMessages(locale: Locale): Promise<Record<string, unknown>> {
  const files = await Promise.all(
    namespaces.map(
      async (ns) =>
        [ns, ((await import(`../messages/${locale}/${ns}.json`)) as { default: unknown }).default] as const,
    ),
  );
  return Object.fromEntries(files);
}
