"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * The review view reads dates and shows times in a chosen zone; with none in the URL it
 * is the browser's, which only the browser knows: put it in the URL once.
 */
export function TimeZoneDefault({ search }: { search: string }) {
  const router = useRouter();
  useEffect(() => {
    const sp = new URLSearchParams(search);
    sp.set("tz", Intl.DateTimeFormat().resolvedOptions().timeZone);
    router.replace(`?${sp.toString()}`);
  }, [router, search]);
  return null;
}
