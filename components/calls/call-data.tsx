import { useTranslations } from "next-intl";
import type { ReactNode } from "react";

type Pairs = [string, string][];

const show = (value: unknown, tooDeep: string): string => {
  if (typeof value === "string") return value;
  if (value === null) return "";
  try {
    return JSON.stringify(value);
  } catch {
    // Nested too deep to print (imports refuse such data; iSales might still send it).
    return tooDeep;
  }
};

/** callData as pairs when it is a JSON object or key=value pairs; null when it is neither. */
export function parseCallData(text: string, tooDeep: string): Pairs | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  if (trimmed.startsWith("{")) {
    try {
      const value: unknown = JSON.parse(trimmed);
      if (value && typeof value === "object" && !Array.isArray(value)) {
        return Object.entries(value).map(([k, v]) => [k, show(v, tooDeep)]);
      }
    } catch {
      // Not JSON after all: try the other shapes.
    }
  }
  const parts = trimmed
    .split(/[\n;&|]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length > 0 && parts.every((p) => /^[^=:]{1,64}[=:]/.test(p))) {
    return parts.map((p) => {
      const at = p.search(/[=:]/);
      return [p.slice(0, at).trim(), p.slice(at + 1).trim()];
    });
  }
  return null;
}

/** Terms and their values, side by side (a key may repeat: the position keeps them apart). */
export function PairList({ pairs }: { pairs: readonly (readonly [ReactNode, ReactNode])[] }) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
      {pairs.map(([term, value], i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the list is static for the render
        <div key={i} className="contents">
          <dt className="font-medium text-muted">{term}</dt>
          <dd className="break-words">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The call's data as iSales handed it over, shown as readably as its shape allows. */
export function CallData({ text }: { text: string }) {
  const t = useTranslations("callPage.call");
  const pairs = parseCallData(text, t("tooDeep"));
  if (text.trim() === "") return <p className="text-muted">{t("noData")}</p>;
  if (!pairs) return <pre className="whitespace-pre-wrap break-words font-sans">{text}</pre>;
  return <PairList pairs={pairs} />;
}
