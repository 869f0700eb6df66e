import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultLocale, locales, namespaces } from "@/i18n/config";
import { negotiateLocale } from "@/i18n/negotiate";

/**
 * The translation files (issue 10): every key in every language, no empty text, the same
 * ICU placeholders on both sides, and Chinese that is Chinese (a copy of the English text
 * is a missing translation, unless the text has no words to translate, e.g. "iSales").
 */

type Tree = { [key: string]: string | Tree };

function read(locale: string, ns: string): Tree {
  return JSON.parse(readFileSync(join("messages", locale, `${ns}.json`), "utf8")) as Tree;
}

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** The argument names of an ICU message: `{name}`, `{n, plural, ...}`, `{d, date}`. */
function placeholders(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/\{\s*([A-Za-z_][\w]*)\s*(?:[,}])/g)) if (m[1]) names.add(m[1]);
  return [...names].sort();
}

const cjk = /[\u3400-\u9fff]/u;
/** Words a translator would translate: a run of three or more Latin letters that is not a name. */
const untranslatable = /^(?:[^A-Za-z]|iSales|AICC|OBS|API|CSV|JSON|ID|OK|PIN|URL|UTC|IANA|HTTP)*$/;

describe("translation files", () => {
  for (const ns of namespaces) {
    const base = flatten(read(defaultLocale, ns));
    for (const locale of locales.filter((l) => l !== defaultLocale)) {
      const other = flatten(read(locale, ns));
      it(`${ns}: ${locale} has exactly the keys of ${defaultLocale}`, () => {
        expect(
          [...other.keys()].filter((k) => !base.has(k)),
          "keys only in the translation",
        ).toEqual([]);
        expect(
          [...base.keys()].filter((k) => !other.has(k)),
          "keys missing in the translation",
        ).toEqual([]);
      });
      it(`${ns}: ${locale} texts are translated and keep their placeholders`, () => {
        const problems: string[] = [];
        for (const [key, en] of base) {
          const text = other.get(key);
          if (text === undefined) continue;
          if (text.trim() === "" || en.trim() === "") problems.push(`${key}: empty`);
          if (JSON.stringify(placeholders(en)) !== JSON.stringify(placeholders(text)))
            problems.push(`${key}: placeholders ${placeholders(en)} vs ${placeholders(text)}`);
          const stripped = en.replace(/\{[^{}]*\}/g, "");
          if (locale === "zh-CN" && !untranslatable.test(stripped) && !cjk.test(text))
            problems.push(`${key}: not Chinese (${text})`);
        }
        expect(problems).toEqual([]);
      });
    }
  }
});

describe("negotiateLocale", () => {
  it.each([
    ["zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"],
    ["zh", "zh-CN"],
    ["zh-Hans-CN", "zh-CN"],
    ["en-GB,en;q=0.9", "en"],
    ["de-DE", "en"],
    ["fr;q=0.9, zh-CN;q=0.5", "zh-CN"],
    ["", "en"],
    ["*", "en"],
    ["!!!,;;q=x", "en"],
  ])("%s → %s", (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});
