import Link from "next/link";
import type { ReactNode } from "react";

/** The link above a detail page's heading back to the list it was opened from ("← Campaigns"). */
export function BackLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className="text-sm text-brand-600 hover:underline">
      {children}
    </Link>
  );
}
