import Link from "next/link";
import type { ReactNode } from "react";

/** A link to another page of a list; `rel` says which way it goes ("prev", "next"). */
export function PageLink({
  href,
  rel,
  children,
}: {
  href: string;
  rel?: "prev" | "next";
  children: ReactNode;
}) {
  return (
    <Link href={href} rel={rel} className="text-brand-600 hover:underline">
      {children}
    </Link>
  );
}

interface PagerLink {
  href: string;
  label: string;
}

/**
 * A cursor-paged list's way on: back to its first page (`first`, given when the page shown is not the
 * first) on the left, on to the next (`next`, given when there is one) on the right.
 */
export function Pager({ first, next }: { first?: PagerLink; next?: PagerLink }) {
  return (
    <div className="flex justify-between text-sm">
      {first ? <PageLink href={first.href}>{first.label}</PageLink> : <span />}
      {next && (
        <PageLink href={next.href} rel="next">
          {next.label}
        </PageLink>
      )}
    </div>
  );
}
