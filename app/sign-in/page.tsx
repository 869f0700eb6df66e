import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { CompanySignIn, localSignInEnabled } from "@/components/company-sign-in";
import { currentUser } from "@/lib/auth/guards";
import { safeNextPath } from "@/lib/auth/schemas";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

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
  return (
    <main id="main" className="mx-auto mt-16 max-w-sm space-y-6 rounded border border-slate-300 bg-white p-6">
      <h1 className="text-2xl font-semibold">Sign in to Preview Desk</h1>
      <CompanySignIn next={next} error={query.error} />
      {localSignInEnabled() && <SignInForm next={next} />}
    </main>
  );
}
