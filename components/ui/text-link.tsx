import Link from "next/link";
import type { ComponentProps } from "react";
import { cn } from "./cn";

export const linkClass = "text-link underline underline-offset-2 hover:no-underline";

/** A link in running text or a table cell (next/link, so it is prefetched). */
export function TextLink({ className, ...props }: ComponentProps<typeof Link>) {
  return <Link className={cn(linkClass, className)} {...props} />;
}
