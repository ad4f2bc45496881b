"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { usePathname } from "next/navigation";
import { useState, type ReactNode } from "react";
import { hasRole, type Role } from "@/lib/auth/roles";

const TABS = [
  { href: "/identities", label: "identities", role: "admin" },
  { href: "/campaigns", label: "campaigns", role: "admin" },
  { href: "/approvals", label: "approvals", role: "reviewer" },
  { href: "/search", label: "search", role: "admin" },
  { href: "/audit", label: "audit", role: "admin" },
  { href: "/settings", label: "settings", role: "owner" },
] as const satisfies { href: string; label: string; role: Role }[];

function PendingBadge({ count, testId }: { count: number; testId?: string }) {
  const t = useTranslations("nav");
  if (count <= 0) return null;
  return (
    <span
      className="ml-1.5 rounded-full bg-brand-600 px-1.5 py-0.5 text-xs font-semibold text-white"
      aria-label={t("pending", { count })}
      data-testid={testId}
    >
      {count > 999 ? "999+" : count}
    </span>
  );
}

function Tabs({
  role,
  pendingApprovals,
  onNavigate,
  className,
}: {
  role: Role;
  pendingApprovals: number;
  onNavigate?: () => void;
  className: string;
}) {
  const pathname = usePathname();
  const t = useTranslations("nav");
  return (
    <nav aria-label={t("main")} className={className}>
      {TABS.filter((t) => hasRole(role, t.role)).map((tab) => {
        const active = pathname === tab.href || pathname.startsWith(`${tab.href}/`);
        return (
          <Link
            key={tab.href}
            href={tab.href}
            onClick={onNavigate}
            aria-current={active ? "page" : undefined}
            className={`rounded-md px-3 py-1.5 ${active ? "bg-brand-50 font-medium text-brand-700" : "text-slate-600 hover:bg-slate-100"}`}
          >
            {t(tab.label)}
            {tab.href === "/approvals" && (
              <PendingBadge count={pendingApprovals} testId={onNavigate ? undefined : "pending-badge"} />
            )}
          </Link>
        );
      })}
    </nav>
  );
}

/**
 * The console's menu: a row of tabs from the `md` breakpoint up; on a phone one "Menu" button that
 * opens the tabs and the account links as a list, so the header never wraps into several lines.
 */
export function AdminNav({
  role,
  pendingApprovals,
  children,
}: {
  role: Role;
  pendingApprovals: number;
  /** The account link and sign-out button, shown beside the tabs or inside the phone menu. */
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const t = useTranslations("nav");
  return (
    <>
      <Tabs role={role} pendingApprovals={pendingApprovals} className="hidden gap-1 text-sm md:flex" />
      <div className="ml-auto hidden items-center gap-3 text-sm text-slate-600 md:flex">{children}</div>
      <button
        type="button"
        aria-expanded={open}
        aria-controls="console-menu"
        onClick={() => setOpen((v) => !v)}
        className="ml-auto rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 md:hidden"
      >
        {open ? t("closeMenu") : t("menu")}
        {!open && <PendingBadge count={pendingApprovals} />}
      </button>
      {open && (
        <div id="console-menu" className="basis-full space-y-2 border-t border-slate-200 pt-2 md:hidden">
          <Tabs
            role={role}
            pendingApprovals={pendingApprovals}
            onNavigate={() => setOpen(false)}
            className="flex flex-col text-sm"
          />
          <div className="flex flex-wrap items-center gap-3 text-sm text-slate-600">{children}</div>
        </div>
      )}
    </>
  );
}
