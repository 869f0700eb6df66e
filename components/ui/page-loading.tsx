import { getTranslations } from "next-intl/server";
import { PageSkeleton } from "./skeleton";

/** A route's loading.tsx: the page's skeleton while its data is read (`export { default } from`). */
export default async function PageLoading() {
  return <PageSkeleton label={(await getTranslations("ui"))("loading")} />;
}
