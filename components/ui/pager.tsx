import { ChevronLeft, ChevronRight } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { buttonVariants } from "./button";

/**
 * Previous / next page as links whose address holds the page (server paging: the address
 * is the state, so Back, reload and a shared link show the same page). Reached by Tab and
 * followed by Enter like any link.
 */
export function Pager({
  page,
  totalPages,
  href,
  label,
  estimated = false,
}: {
  page: number;
  totalPages: number;
  /** totalPages comes from an estimated count: the position says "about". */
  estimated?: boolean;
  /** The address of a page. */
  href: (page: number) => string;
  label?: string;
}) {
  const t = useTranslations("ui.pager");
  const link = buttonVariants({ variant: "secondary", size: "sm" });
  return (
    <nav aria-label={label ?? t("label")} className="flex flex-wrap items-center gap-3">
      {page > 1 ? (
        <Link href={href(page - 1)} className={link} rel="prev">
          <ChevronLeft aria-hidden />
          {t("previous")}
        </Link>
      ) : null}
      <span className="text-sm" aria-current="page">
        {t(estimated ? "positionAbout" : "position", { page, totalPages })}
      </span>
      {page < totalPages ? (
        <Link href={href(page + 1)} className={link} rel="next">
          {t("next")}
          <ChevronRight aria-hidden />
        </Link>
      ) : null}
    </nav>
  );
}
