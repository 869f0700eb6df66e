import type { ReactNode } from "react";
import { requireRole } from "@/lib/auth/guards";

/**
 * The role is checked here, before the page's loading.tsx starts streaming: a redirect to
 * sign in, or the not-found answer, keeps its own HTTP status (inside a streamed page it
 * would be a 200). The pages check again themselves.
 */
export default async function Layout({ children }: { children: ReactNode }) {
  await requireRole("supervisor");
  return children;
}
