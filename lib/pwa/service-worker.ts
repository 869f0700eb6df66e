/// <reference lib="webworker" />
import { NetworkOnly, type PrecacheEntry, Serwist } from "serwist";

/**
 * The service worker (issue 14), built by scripts/build-sw.ts into public/sw.js after
 * `next build`, with the build's precache list put in place of `self.__SW_MANIFEST`.
 *
 * What it keeps: the build's own static files (/_next/static: scripts, styles, fonts, all
 * named by their content) and the icons, precached, and one generic offline page (/offline,
 * fetched without cookies, so it holds nobody's data). What it never keeps: a page, an RSC
 * answer, an API or server-action answer: those always go to the network. When a page
 * cannot be fetched, the offline page answers in its place; it shows what this device
 * keeps for the signed-in user (from IndexedDB, in the browser, never from a cache).
 *
 * Updates: a new build installs beside the running one and waits; the page tells the user
 * "a new version is ready" and, when they choose to reload, asks it to take over
 * (SKIP_WAITING). Old precaches are removed when it activates.
 */

declare const self: ServiceWorkerGlobalScope & { __SW_MANIFEST: (PrecacheEntry | string)[] | undefined };

/** The offline page's cache; the build names it after its own id, so a new build fetches it anew. */
const OFFLINE_URL = "/offline";
const offlineCache = `preview-desk-offline-${process.env.SW_BUILD_ID ?? "dev"}`;

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  cacheId: "preview-desk",
  skipWaiting: false,
  clientsClaim: true,
  navigationPreload: false,
  runtimeCaching: [
    // Pages: always the network; the offline page when there is none.
    {
      matcher: ({ request }) => request.mode === "navigate",
      handler: new NetworkOnly({
        plugins: [
          {
            handlerDidError: async () => (await caches.open(offlineCache)).match(OFFLINE_URL),
          },
        ],
      }),
    },
  ],
});

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      // Without cookies: the page is rendered for nobody, and keeps nobody's data.
      const response = await fetch(OFFLINE_URL, { credentials: "omit", cache: "no-store" });
      if (!response.ok) throw new Error(`${OFFLINE_URL} answered ${response.status}`);
      await (await caches.open(offlineCache)).put(OFFLINE_URL, response);
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("preview-desk-offline-") && name !== offlineCache) await caches.delete(name);
      }
    })(),
  );
});

self.addEventListener("message", (event) => {
  if ((event.data as { type?: unknown } | null)?.type === "SKIP_WAITING") void self.skipWaiting();
});

serwist.addEventListeners();
