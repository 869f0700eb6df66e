import type { MetadataRoute } from "next";

/**
 * What makes the desk installable: its icons (drawn once, in public/icon.svg; the PNGs and
 * the favicon are made from it by `npm run icons`, scripts/icons.ts), its theme colours and
 * its web app manifest. The manifest (app/manifest.ts), the page's <head> (app/layout.tsx),
 * the icon script and the tests all read this one list.
 */

/** The drawing every icon is made from. */
export const svgIcon = { src: "/icon.svg", type: "image/svg+xml" } as const;

/**
 * The PNG icons browsers and phones ask for. `any` icons keep the drawing's rounded corners;
 * `maskable` ones fill the square with the background and keep the drawing inside the safe
 * zone (the middle 80 %), since the phone cuts its own shape out of them.
 */
export const pngIcons = [
  { src: "/icons/icon-192.png", size: 192, purpose: "any" },
  { src: "/icons/icon-512.png", size: 512, purpose: "any" },
  { src: "/icons/maskable-192.png", size: 192, purpose: "maskable" },
  { src: "/icons/maskable-512.png", size: 512, purpose: "maskable" },
] as const satisfies readonly { src: string; size: number; purpose: "any" | "maskable" }[];

/** iOS's home-screen icon: opaque (iOS fills transparency with black) and full-bleed. */
export const appleTouchIcon = { src: "/apple-touch-icon.png", size: 180 } as const;

/** The tab icon browsers fetch by themselves; one file holding each of these sizes. */
export const favicon = { src: "/favicon.ico", sizes: [16, 32, 48] } as const;

/** The browser's bar and the installed window's title bar: the header's own colour. */
export const themeColors = { light: "#ffffff", dark: "#0f172a" } as const;

/** The splash screen while the installed app starts: the page's background. */
export const backgroundColor = "#f8fafc";

/** The icon's own background, which maskable and Apple icons fill their square with. */
export const iconBackground = "#1d4ed8";

export type ManifestText = { name: string; shortName: string; description: string };

/** The web app manifest in one language (`lang`); names come from the messages. */
export function webAppManifest(text: ManifestText, lang: string): MetadataRoute.Manifest {
  return {
    id: "/",
    name: text.name,
    short_name: text.shortName,
    description: text.description,
    lang,
    dir: "ltr",
    start_url: "/",
    scope: "/",
    display: "standalone",
    background_color: backgroundColor,
    theme_color: themeColors.light,
    icons: [
      { src: svgIcon.src, type: svgIcon.type, sizes: "any", purpose: "any" },
      ...pngIcons.map((icon) => ({
        src: icon.src,
        type: "image/png",
        sizes: `${icon.size}x${icon.size}`,
        purpose: icon.purpose,
      })),
    ],
  };
}
