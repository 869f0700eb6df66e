import "server-only";
import { getTranslations } from "next-intl/server";
import { currentUser } from "@/lib/auth/guards";
import { breakerState } from "@/lib/delivery/process";

/**
 * Shown to every signed-in user while this process's circuit breaker is open or probing:
 * iSales is not answering, and write-backs wait in the queue. Reading the breaker is an
 * in-memory look-up, so the layout stays cheap; the user comes from the request's cache.
 */
export async function IsalesBanner() {
  const user = await currentUser();
  if (!user || breakerState() === "closed") return null;
  const t = await getTranslations("common");
  return (
    <div role="status" className="border-b-2 border-warning-border bg-warning-bg px-6 py-3 text-warning-fg">
      <p className="mx-auto max-w-6xl font-semibold">{t("isalesDown")}</p>
    </div>
  );
}
