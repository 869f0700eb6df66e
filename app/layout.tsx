import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-header";
import { IsalesBanner } from "@/components/isales-banner";
import { currentUser } from "@/lib/auth/guards";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Preview Desk", template: "%s · Preview Desk" },
  description: "Record previewed outbound call outcomes and write them back to iSales",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <AppHeader user={await currentUser()} />
        <IsalesBanner />
        {children}
      </body>
    </html>
  );
}
