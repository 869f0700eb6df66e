"use client";

import { errorMessageKeys } from "@/components/errors/error-message";
import { ErrorPanel } from "@/components/errors/error-panel";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";
import en from "@/messages/en/errors.json";
import zh from "@/messages/zh-CN/errors.json";
import "./globals.css";

/** The user's language without the layout (which failed): the language cookie, else the browser's. */
function chinese(): boolean {
  const cookie = document.cookie.split("; ").find((c) => c.startsWith("locale="));
  if (cookie) return cookie.slice("locale=".length) === "zh-CN";
  return navigator.languages.some((l) => l.toLowerCase().startsWith("zh"));
}

/**
 * When the root layout itself fails (it reads the signed-in user, so an unreachable
 * database ends here): the same readable message, in a page of its own. There is no
 * next-intl provider here, so the two languages' messages are read directly; English
 * until the browser has said which.
 */
export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  const hydrated = useHydrated();
  const zhCN = hydrated && chinese();
  const m = (zhCN ? zh : en).page;
  const keys = errorMessageKeys(error.digest);
  return (
    <html lang={zhCN ? "zh-CN" : "en"}>
      <body className="min-h-screen bg-background text-foreground antialiased">
        <ErrorPanel
          title={m[keys.title]}
          text={m[keys.text]}
          reference={error.digest ? m.reference.replace("{digest}", error.digest) : undefined}
          action={
            // A full reload: the layout must be rendered again from the server.
            <Button variant="primary" onClick={() => window.location.reload()}>
              {m.retry}
            </Button>
          }
        />
      </body>
    </html>
  );
}
