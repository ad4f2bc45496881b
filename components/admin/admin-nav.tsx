"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { hasRole, type Role } from "@/lib/auth/roles";

const TABS: { href: string; label: string; role: Role }[] = [
  { href: "/identities", label: "Identities", role: "admin" },
  { href: "/campaigns", label: "Campaigns", role: "admin" },
  { href: "/approvals", label: "Approvals", role: "reviewer" },
  { href: "/search", label: "Search by face", role: "admin" },
  { href: "/audit", label: "Audit log", role: "admin" },
  { href: "/settings", label: "Settings", role: "owner" },
];

export function AdminNav({ role, pendingApprovals }: { role: Role; pendingApprovals: number }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex gap-1 text-sm">
      {TABS.filter((t) => hasRole(role, t.role)).map((tab) => {
        const active = pathname === tab.href || pathname.startsWith(`${tab.href}/`);
        return (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={active ? "page" : undefined}
            className={`rounded-md px-3 py-1.5 ${active ? "bg-brand-50 font-medium text-brand-700" : "text-slate-600 hover:bg-slate-100"}`}
          >
            {tab.label}
            {tab.href === "/approvals" && pendingApprovals > 0 && (
              <span
                className="ml-1.5 rounded-full bg-brand-600 px-1.5 py-0.5 text-xs font-semibold text-white"
                aria-label={`${pendingApprovals} pending`}
                data-testid="pending-badge"
              >
                {pendingApprovals > 999 ? "999+" : pendingApprovals}
              </span>
            )}
          </Link>
        );
      })}
    </nav>
  );
}
