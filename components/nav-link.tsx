"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** 44 px tall on a phone or a touch screen. */
const touch = "inline-flex items-center max-sm:min-h-11 pointer-coarse:min-h-11";

/**
 * A link of the main navigation that marks itself as the current page (aria-current and a
 * visible style) when the address is its page or a page under it.
 */
export function NavLink({ href, children }: { href: string; children: React.ReactNode }) {
  const pathname = usePathname() ?? "";
  const current =
    href === "/" ? pathname === "/" || pathname.startsWith("/calls/") : pathname.startsWith(href);
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className={
        current
          ? `${touch} font-semibold text-foreground underline decoration-2 underline-offset-4`
          : `${touch} text-link underline underline-offset-2`
      }
    >
      {children}
    </Link>
  );
}
