import Link from "next/link";
import { useTranslations } from "next-intl";
import { DateTime } from "@/components/ui/date-time";
import { Badge } from "@/components/ui/badge";
import { Cell, DataTable, Row, RowActions } from "@/components/ui/table";
import type { IdentityRow } from "@/lib/identities/service";
import { DeleteIdentityDialog } from "./delete-identity-dialog";
import { IdentityFormDialog } from "./identity-form-dialog";
import { PortraitButton } from "./portrait-button";
import { PageCheckbox, RowCheckbox } from "./selection";

export function IdentityTable({ items }: { items: IdentityRow[] }) {
  const t = useTranslations("identities");
  return (
    <DataTable
      label={t("title")}
      columns={[
        { header: <PageCheckbox ids={items.map((i) => i.id)} />, className: "w-8 pr-0" },
        { header: t("portrait"), hidden: true },
        t("name"),
        t("externalId"),
        t("status"),
      ]}
      actions
    >
      {items.map((item) => (
        <Row key={item.id} data-testid="identity-row">
          <Cell stack="inline" className="w-8 pr-0">
            <RowCheckbox id={item.id} name={item.displayName} />
          </Cell>
          <Cell stack="inline" className="w-16">
            <PortraitButton identity={item} />
          </Cell>
          <Cell stack="grow">
            {/* At most this wide: a long name wraps, the other columns keep their width. */}
            <div className="max-w-sm wrap-anywhere">
              <Link
                href={`/identities/${item.id}`}
                className="font-medium text-slate-900 hover:text-brand-700 hover:underline"
              >
                {item.displayName}
              </Link>
              {item.email && <div className="text-xs text-slate-500">{item.email}</div>}
            </div>
          </Cell>
          <Cell label={t("externalId")} className="font-mono text-xs text-slate-700">
            <div className="max-w-48 wrap-anywhere">{item.externalId}</div>
          </Cell>
          <Cell label={t("status")}>
            <div className="flex flex-wrap gap-1">
              {!item.currentPortraitId && <Badge tone="warn">{t("badges.noPortrait")}</Badge>}
              {item.currentPortraitId && item.searchable !== false && (
                <Badge tone="success">{t("badges.searchable")}</Badge>
              )}
              {item.currentPortraitId && item.searchable === false && (
                <Badge tone="danger" title={t("badges.notSearchableHint")}>
                  {t("badges.notSearchable")}
                </Badge>
              )}
              {item.linkExpiresAt && (
                <Badge tone="info">
                  {t.rich("badges.linkActive", {
                    when: () => <DateTime value={item.linkExpiresAt!} style="relative" />,
                  })}
                </Badge>
              )}
              {item.pendingApprovals > 0 && <Badge tone="info">{t("badges.pendingApproval")}</Badge>}
            </div>
          </Cell>
          <RowActions>
            <IdentityFormDialog
              mode="edit"
              identity={{
                id: item.id,
                externalId: item.externalId,
                displayName: item.displayName,
                email: item.email,
                notes: item.notes,
              }}
            />
            <DeleteIdentityDialog
              id={item.id}
              displayName={item.displayName}
              hasPortrait={Boolean(item.currentPortraitId)}
            />
          </RowActions>
        </Row>
      ))}
    </DataTable>
  );
}
