import { Notice } from "./notice";

/**
 * The answer of a post/redirect/get action, as the address carries it back: `notice` is
 * the text and `tone=error` marks a refusal (shown red, announced at once); anything else
 * is a success.
 */
export function ActionNotice({ params }: { params: Record<string, string | string[] | undefined> }) {
  const text = typeof params.notice === "string" ? params.notice : undefined;
  if (!text) return null;
  return <Notice tone={params.tone === "error" ? "error" : "success"}>{text}</Notice>;
}
