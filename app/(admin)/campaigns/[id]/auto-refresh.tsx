"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Live counts: re-renders the page from the server every few seconds while it is visible. */
export function AutoRefresh({ everyMs = 10_000 }: { everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, everyMs);
    return () => clearInterval(timer);
  }, [router, everyMs]);
  return null;
}
