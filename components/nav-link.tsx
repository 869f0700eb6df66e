"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

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
          ? "font-semibold text-foreground underline decoration-2 underline-offset-4"
          : "text-link underline underline-offset-2"
      }
    >
      {children}
    </Link>
  );
}
