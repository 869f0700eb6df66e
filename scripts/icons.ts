import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { encode as encodeIco } from "ico-endec";
import sharp from "sharp";
import { appleTouchIcon, favicon, iconBackground, pngIcons, svgIcon } from "@/lib/pwa/manifest";

/**
 * `npm run icons`: the PNG icons and the favicon, made from public/icon.svg with sharp
 * (libvips, which draws SVG with librsvg). Run it after changing the drawing and commit
 * what it writes; lib/pwa/manifest.test.ts checks the files against the manifest.
 */

const publicDir = "public";
// Maskable icons keep the drawing inside the middle 80 %: at 70 % its corners stay clear of
// the circle the phone may cut.
const maskableScale = 0.7;
const appleScale = 0.8;

async function drawing(size: number): Promise<Buffer> {
  const svg = await readFile(join(publicDir, svgIcon.src));
  return sharp(svg, { density: 72 * Math.max(1, size / 512) * 4 })
    .resize(size, size)
    .png()
    .toBuffer();
}

/** The drawing at `scale`, centred on a square filled with its background colour. */
async function fullBleed(size: number, scale: number): Promise<Buffer> {
  const inner = Math.round(size * scale);
  const offset = Math.round((size - inner) / 2);
  return sharp({ create: { width: size, height: size, channels: 4, background: iconBackground } })
    .composite([{ input: await drawing(inner), left: offset, top: offset }])
    .flatten({ background: iconBackground })
    .png()
    .toBuffer();
}

async function write(src: string, data: Buffer) {
  const file = join(publicDir, src);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, data);
  console.log(`${file} (${data.length} bytes)`);
}

async function main() {
  for (const icon of pngIcons) {
    await write(
      icon.src,
      icon.purpose === "maskable" ? await fullBleed(icon.size, maskableScale) : await drawing(icon.size),
    );
  }
  await write(appleTouchIcon.src, await fullBleed(appleTouchIcon.size, appleScale));
  const favicons = await Promise.all(favicon.sizes.map((size) => drawing(size)));
  await write(favicon.src, encodeIco(favicons));
}

void main();
