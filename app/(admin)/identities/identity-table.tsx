import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import {
  ActionsHeaderCell,
  Cell,
  HeaderCell,
  Row,
  RowActions,
  Table,
  TableBody,
  TableHead,
} from "@/components/ui/table";
import type { IdentityRow } from "@/lib/identities/service";
import { DeleteIdentityDialog } from "./delete-identity-dialog";
import { IdentityFormDialog } from "./identity-form-dialog";
import { PhotoDialog } from "./photo-dialog";
import { PortraitThumb } from "./portrait-thumb";
import { PageCheckbox, RowCheckbox } from "./selection";

function formatExpiry(date: Date): string {
  const hours = Math.round((date.getTime() - Date.now()) / 3_600_000);
  if (hours < 1) return "expires within the hour";
  if (hours < 48) return `expires in ${hours} h`;
  return `expires in ${Math.round(hours / 24)} days`;
}

export function IdentityTable({ items }: { items: IdentityRow[] }) {
  return (
    <Table label="Identities">
      <TableHead>
        <HeaderCell className="w-8 pr-0">
          <PageCheckbox ids={items.map((i) => i.id)} />
        </HeaderCell>
        <HeaderCell>
          <span className="sr-only">Portrait</span>
        </HeaderCell>
        <HeaderCell>Name</HeaderCell>
        <HeaderCell>External ID</HeaderCell>
        <HeaderCell>Status</HeaderCell>
        <ActionsHeaderCell />
      </TableHead>
      <TableBody>
        {items.map((item) => (
          <Row key={item.id} data-testid="identity-row">
            <Cell stack="inline" className="w-8 pr-0">
              <RowCheckbox id={item.id} name={item.displayName} />
            </Cell>
            <Cell stack="inline" className="w-16">
              <PhotoDialog
                identityId={item.id}
                displayName={item.displayName}
                linkExpiresAt={item.linkExpiresAt?.toISOString() ?? null}
              >
                <PortraitThumb identity={item} />
              </PhotoDialog>
            </Cell>
            <Cell stack="grow">
              <Link
                href={`/identities/${item.id}`}
                className="font-medium text-slate-900 hover:text-brand-700 hover:underline"
              >
                {item.displayName}
              </Link>
              {item.email && <div className="text-xs text-slate-500">{item.email}</div>}
            </Cell>
            <Cell label="External ID" className="font-mono text-xs text-slate-700">
              {item.externalId}
            </Cell>
            <Cell label="Status">
              <div className="flex flex-wrap gap-1">
                {!item.currentPortraitId && <Badge tone="warn">No portrait</Badge>}
                {item.currentPortraitId && item.searchable !== false && (
                  <Badge tone="success">Searchable</Badge>
                )}
                {item.currentPortraitId && item.searchable === false && (
                  <Badge tone="danger" title="No face template could be made from this portrait">
                    Not searchable
                  </Badge>
                )}
                {item.linkExpiresAt && (
                  <Badge tone="info">Link active · {formatExpiry(item.linkExpiresAt)}</Badge>
                )}
                {item.pendingApprovals > 0 && <Badge tone="info">Pending approval</Badge>}
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
      </TableBody>
    </Table>
  );
}
