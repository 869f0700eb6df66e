import type { Metadata, Viewport } from "next";
import { cookies } from "next/headers";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-header";
import { DeviceSync } from "@/components/device/device-sync";
import { IsalesBanner } from "@/components/isales-banner";
import { Toaster } from "@/components/ui/toaster";
import { currentUser } from "@/lib/auth/guards";
import { appleTouchIcon, favicon, svgIcon, themeColors } from "@/lib/pwa/manifest";
import { THEME_COOKIE } from "@/lib/theme";
import { themeOf } from "@/lib/theme-schema";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return {
    title: { default: t("productName"), template: `%s · ${t("productName")}` },
    description: t("description"),
    // The manifest's <link> comes from app/manifest.ts.
    icons: {
      icon: [
        { url: favicon.src, sizes: favicon.sizes.map((n) => `${n}x${n}`).join(" ") },
        { url: svgIcon.src, type: svgIcon.type },
      ],
      apple: [{ url: appleTouchIcon.src, sizes: `${appleTouchIcon.size}x${appleTouchIcon.size}` }],
    },
    robots: { index: false, follow: false },
  };
}

const chosenTheme = async () => themeOf((await cookies()).get(THEME_COOKIE)?.value);

/** The browser's bar in the page's colours: the chosen theme's, else the system's. */
export async function generateViewport(): Promise<Viewport> {
  const theme = await chosenTheme();
  if (theme !== "system") return { themeColor: themeColors[theme] };
  return {
    themeColor: [
      { media: "(prefers-color-scheme: light)", color: themeColors.light },
      { media: "(prefers-color-scheme: dark)", color: themeColors.dark },
    ],
  };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, t, tUi, theme, user] = await Promise.all([
    getLocale(),
    getTranslations("common"),
    getTranslations("ui"),
    chosenTheme(),
    currentUser(),
  ]);
  return (
    // The chosen theme is a class the server renders (globals.css): no script, no flash.
    <html lang={locale} className={theme === "system" ? undefined : theme}>
      <body className="min-h-screen bg-background text-foreground antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-surface focus:px-3 focus:py-2"
        >
          {t("skipToContent")}
        </a>
        {/*
          A page with a loading.tsx is streamed: its skeleton first, then the page in a hidden
          block that a script swaps in. Without JavaScript nothing swaps: show the page's block
          and hide the skeleton, so every page and every form answer still reads without it.
        */}
        <noscript>
          <style>
            {
              // In Tailwind's base layer: its own `[hidden]{display:none!important}` lives there.
              "@layer base{[data-route-fallback]{display:none!important}div[hidden][id*='S:']{display:block!important}}"
            }
          </style>
        </noscript>
        <NextIntlClientProvider>
          <AppHeader user={user} theme={theme} />
          <IsalesBanner />
          {user ? <DeviceSync userId={user.id} locale={locale} /> : null}
          {children}
          <Toaster label={tUi("notifications")} />
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
