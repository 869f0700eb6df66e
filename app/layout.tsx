import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Preview Desk", template: "%s · Preview Desk" },
  description: "Record previewed outbound call outcomes and write them back to iSales",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <header className="border-b border-slate-300 bg-white">
          <nav aria-label="Main" className="mx-auto flex max-w-6xl items-center gap-6 px-6 py-3">
            <Link href="/" className="text-lg font-semibold text-slate-900">
              Preview Desk
            </Link>
            <Link href="/" className="text-blue-800 underline underline-offset-2">
              Calls
            </Link>
          </nav>
        </header>
        {children}
      </body>
    </html>
  );
}
