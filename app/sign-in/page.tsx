import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CompanySignIn, localSignInEnabled } from "@/components/company-sign-in";
import { currentUser } from "@/lib/auth/guards";
import { safeNextPath } from "@/lib/auth/schemas";
import { SignInForm } from "./sign-in-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signIn"))("metaTitle") };
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = await searchParams;
  const raw = query.next;
  const next = safeNextPath(Array.isArray(raw) ? raw[0] : raw);
  // Already signed in: nothing to do here.
  if (await currentUser()) redirect(next);
  const t = await getTranslations("signIn");
  return (
    <main
      id="main"
      className="mx-auto mt-16 max-w-sm space-y-6 rounded-card border border-border bg-surface p-6"
    >
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <CompanySignIn next={next} error={query.error} />
      {localSignInEnabled() && <SignInForm next={next} />}
    </main>
  );
}
