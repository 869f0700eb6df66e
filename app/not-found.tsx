import { SearchX } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageMain } from "@/components/ui/page-header";

/** Any address with no page, and every page a role may not open (they answer alike). */
export default async function NotFound() {
  const t = await getTranslations("errors.notFound");
  return (
    <PageMain width="narrow">
      <h1 className="sr-only">{t("title")}</h1>
      <EmptyState
        Icon={SearchX}
        title={t("title")}
        action={
          <Link href="/" className={buttonVariants({ variant: "primary" })}>
            {t("home")}
          </Link>
        }
      >
        {t("text")}
      </EmptyState>
    </PageMain>
  );
}
