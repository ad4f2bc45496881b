import Link from "next/link";
import { Badge } from "@/components/ui/badge";
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
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-500 uppercase">
          <tr>
            <th scope="col" className="w-8 py-2 pl-4">
              <PageCheckbox ids={items.map((i) => i.id)} />
            </th>
            <th scope="col" className="px-4 py-2">
              <span className="sr-only">Portrait</span>
            </th>
            <th scope="col" className="px-4 py-2">
              Name
            </th>
            <th scope="col" className="px-4 py-2">
              External ID
            </th>
            <th scope="col" className="px-4 py-2">
              Status
            </th>
            <th scope="col" className="px-4 py-2 text-right">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((item) => (
            <tr key={item.id} data-testid="identity-row">
              <td className="w-8 py-2 pl-4">
                <RowCheckbox id={item.id} name={item.displayName} />
              </td>
              <td className="w-16 px-4 py-2">
                <PhotoDialog
                  identityId={item.id}
                  displayName={item.displayName}
                  linkExpiresAt={item.linkExpiresAt?.toISOString() ?? null}
                >
                  <PortraitThumb identity={item} />
                </PhotoDialog>
              </td>
              <td className="px-4 py-2">
                <Link
                  href={`/identities/${item.id}`}
                  className="font-medium text-slate-900 hover:text-brand-700 hover:underline"
                >
                  {item.displayName}
                </Link>
                {item.email && <div className="text-xs text-slate-500">{item.email}</div>}
              </td>
              <td className="px-4 py-2 font-mono text-xs text-slate-700">{item.externalId}</td>
              <td className="px-4 py-2">
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
              </td>
              <td className="px-4 py-2">
                <div className="flex justify-end gap-1">
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
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
