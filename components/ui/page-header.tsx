import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { linkClass } from "./text-link";

/** A page's title, what the page is for, its main actions and (optionally) the way back. */
export function PageHeader({
  title,
  description,
  actions,
  back,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  back?: { href: string; label: string };
}) {
  return (
    <div className="space-y-2">
      {back ? (
        <p>
          <Link
            href={back.href}
            className={`${linkClass} inline-flex items-center gap-1 text-sm max-sm:min-h-11 pointer-coarse:min-h-11`}
          >
            {/* Some labels carry their own arrow ("← All calls"): never two. */}
            {back.label.startsWith("←") ? null : <ArrowLeft aria-hidden className="size-4" />}
            {back.label}
          </Link>
        </p>
      ) : null}
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-semibold">{title}</h1>
        {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
      </div>
      {description ? <div className="max-w-prose text-sm text-muted">{description}</div> : null}
    </div>
  );
}

/** A titled part of a page, optionally framed as a card. */
export function Section({
  id,
  title,
  children,
  card = false,
  actions,
}: {
  id: string;
  title: ReactNode;
  children: ReactNode;
  card?: boolean;
  actions?: ReactNode;
}) {
  return (
    <section
      aria-labelledby={id}
      className={card ? "space-y-3 rounded-card border border-border bg-surface p-4" : "space-y-3"}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={id} className="text-lg font-semibold">
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** The main area of a page, in one of the standard widths. */
export function PageMain({
  children,
  width = "wide",
}: {
  children: ReactNode;
  width?: "narrow" | "wide" | "full";
}) {
  const max = width === "narrow" ? "max-w-3xl" : width === "wide" ? "max-w-6xl" : "max-w-7xl";
  return (
    <main id="main" className={`mx-auto ${max} space-y-6 p-4 sm:p-6`}>
      {children}
    </main>
  );
}
