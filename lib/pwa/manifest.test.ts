import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { decode as decodeIco } from "ico-endec";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  appleTouchIcon,
  backgroundColor,
  favicon,
  pngIcons,
  svgIcon,
  themeColors,
  webAppManifest,
} from "./manifest";

/**
 * The installable desk's files are what the manifest says they are: every icon it names
 * exists in public/, is of the type it claims, and has the size it claims; the maskable and
 * Apple icons are opaque; the favicon holds its sizes. Names come from the messages in both
 * languages.
 */

const publicFile = (src: string) => readFile(join("public", src));
const messages = async (locale: string) =>
  z
    .object({ productName: z.string(), shortName: z.string(), description: z.string() })
    .parse(JSON.parse(await readFile(join("messages", locale, "common.json"), "utf8")));

async function manifestIn(locale: string) {
  const m = await messages(locale);
  return webAppManifest({ name: m.productName, shortName: m.shortName, description: m.description }, locale);
}

/** Whether every pixel of a PNG is opaque. */
async function opaque(png: Buffer): Promise<boolean> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  for (let i = info.channels - 1; i < data.length; i += info.channels) if (data[i] !== 255) return false;
  return true;
}

describe("web app manifest", () => {
  it("names the desk in English and in Chinese, short names short enough for a home screen", async () => {
    const en = await manifestIn("en");
    const zh = await manifestIn("zh-CN");
    expect([en.name, en.short_name, en.lang]).toEqual(["Preview Desk", "Preview Desk", "en"]);
    expect(zh.lang).toBe("zh-CN");
    expect(zh.name).toMatch(/[\u3400-\u9fff]/u);
    expect(zh.short_name).toMatch(/[\u3400-\u9fff]/u);
    // Launchers cut names longer than about 12 characters.
    for (const m of [en, zh]) expect(m.short_name?.length ?? 99).toBeLessThanOrEqual(12);
  });

  it("opens standalone at the start page, with the theme and background colours", async () => {
    const m = await manifestIn("en");
    expect(m).toMatchObject({ start_url: "/", scope: "/", id: "/", display: "standalone" });
    expect(m.theme_color).toBe(themeColors.light);
    expect(m.background_color).toBe(backgroundColor);
    for (const colour of [themeColors.light, themeColors.dark, backgroundColor]) {
      expect(colour).toMatch(/^#[0-9a-f]{6}$/);
    }
  });

  it("lists icons of 192 and 512 pixels, for any use and maskable, and an SVG", async () => {
    const icons = (await manifestIn("en")).icons ?? [];
    const has = (sizes: string, purpose: string) =>
      icons.some((i) => i.sizes === sizes && i.purpose === purpose && i.type === "image/png");
    expect(has("192x192", "any")).toBe(true);
    expect(has("512x512", "any")).toBe(true);
    expect(has("192x192", "maskable")).toBe(true);
    expect(has("512x512", "maskable")).toBe(true);
    expect(icons).toContainEqual({ src: svgIcon.src, type: "image/svg+xml", sizes: "any", purpose: "any" });
  });

  it.each(pngIcons)("$src is a $size x $size PNG, as the manifest says", async (icon) => {
    const file = await publicFile(icon.src);
    const meta = await sharp(file).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", icon.size, icon.size]);
    const listed = (await manifestIn("en")).icons?.find((i) => i.src === icon.src);
    expect(listed).toMatchObject({ type: "image/png", sizes: `${meta.width}x${meta.height}` });
    // A maskable icon is cut to any shape by the phone: no transparent corners.
    if (icon.purpose === "maskable") expect(await opaque(file)).toBe(true);
  });

  it("the SVG is a square drawing that renders", async () => {
    const file = await publicFile(svgIcon.src);
    expect(file.toString("utf8")).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 512 512">/,
    );
    const meta = await sharp(file).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["svg", 512, 512]);
  });

  it("the Apple touch icon is an opaque 180 x 180 PNG", async () => {
    const file = await publicFile(appleTouchIcon.src);
    const meta = await sharp(file).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 180, 180]);
    expect(await opaque(file)).toBe(true);
  });

  it("the favicon is an ICO holding a PNG of each of its sizes", async () => {
    const entries = decodeIco(await publicFile(favicon.src));
    expect(entries.map((e) => [e.width, e.height, e.imageType])).toEqual(
      favicon.sizes.map((n) => [n, n, "png"]),
    );
    for (const entry of entries) {
      const meta = await sharp(entry.imageData).metadata();
      expect([meta.width, meta.height]).toEqual([entry.width, entry.height]);
    }
  });
});
