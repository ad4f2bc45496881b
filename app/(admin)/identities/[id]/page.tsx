import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { getDb } from "@/db/client";
import { requirePageSession } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { getIdentity } from "@/lib/identities/service";
import { listPortraitHistory } from "@/lib/portraits/history";
import { listDecidedRequests } from "@/lib/approvals/decided";
import { RejectedUploads } from "./rejected-uploads";
import { PhotoDialog } from "../photo-dialog";
import { PortraitThumb } from "../portrait-thumb";

export const metadata = { title: "Identity" };

const SOURCE_LABEL = {
  admin_upload: "Uploaded by an admin",
  self_registration: "Self-registration link",
  api: "REST API",
} as const;

export default async function IdentityPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requirePageSession("admin");
  const { id } = await params;
  const db = await getDb();
  const identity = await getIdentity(db, ctx.organizationId, id).catch((error) => {
    if (isAppError(error) && error.status === 404) notFound();
    throw error;
  });
  const history = await listPortraitHistory(db, ctx.organizationId, identity.id);
  const rejected = (await listDecidedRequests(db, ctx.organizationId, identity.id)).filter(
    (r) => r.status === "rejected",
  );
  return (
    <div className="space-y-6">
      <Link href="/identities" className="text-sm text-brand-600 hover:underline">
        ← Identities
      </Link>
      <div className="flex items-center gap-4">
        <PhotoDialog
          identityId={identity.id}
          displayName={identity.displayName}
          linkExpiresAt={identity.linkExpiresAt?.toISOString() ?? null}
        >
          <PortraitThumb identity={identity} />
        </PhotoDialog>
        <div>
          <h1 className="text-2xl font-semibold">{identity.displayName}</h1>
          <p className="font-mono text-sm text-slate-600">{identity.externalId}</p>
        </div>
      </div>
      <dl className="grid max-w-xl grid-cols-[8rem_1fr] gap-y-1 text-sm">
        <dt className="text-slate-500">Email</dt>
        <dd>{identity.email ?? "—"}</dd>
        <dt className="text-slate-500">Notes</dt>
        <dd className="whitespace-pre-wrap">{identity.notes ?? "—"}</dd>
        <dt className="text-slate-500">Upload link</dt>
        <dd>
          {identity.linkExpiresAt
            ? `Active until ${identity.linkExpiresAt.toLocaleString("en-GB", { timeZone: "UTC" })} UTC`
            : "None active"}
        </dd>
        <dt className="text-slate-500">Approvals</dt>
        <dd>
          {identity.pendingApprovals > 0 ? (
            <Link href="/approvals" className="text-brand-600 hover:underline">
              A photo is waiting for approval
            </Link>
          ) : (
            "Nothing pending"
          )}
        </dd>
      </dl>
      <section aria-labelledby="history">
        <h2 id="history" className="text-lg font-semibold">
          Portrait history
        </h2>
        {history.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">
            No portrait yet. Upload one or send the person a self-registration link.
          </p>
        ) : (
          <ol
            className="mt-2 divide-y divide-slate-100 rounded-lg bg-white ring-1 ring-slate-200"
            data-testid="portrait-history"
          >
            {history.map((p) => (
              <li key={p.id} className="flex items-center gap-4 px-4 py-3 text-sm">
                {p.hasThumbnail ? (
                  // eslint-disable-next-line @next/next/no-img-element -- private, session-checked image
                  <img
                    src={`/api/portraits/${p.id}/thumbnail`}
                    alt=""
                    className="h-12 w-12 rounded-md object-cover"
                  />
                ) : (
                  <span className="flex h-12 w-12 items-center justify-center rounded-md bg-slate-100 text-center text-[10px] leading-tight text-slate-500">
                    Template only
                  </span>
                )}
                <div className="flex-1">
                  <div className="font-medium">
                    {SOURCE_LABEL[p.source]}
                    {p.id === identity.currentPortraitId && (
                      <span className="ml-2">
                        <Badge tone="success">Current</Badge>
                      </span>
                    )}
                  </div>
                  <div className="text-slate-600">
                    {p.createdAt.toLocaleString("en-GB", { timeZone: "UTC" })} UTC
                    {p.createdBy && ` · by ${p.createdBy}`}
                    {p.approvedBy && ` · approved by ${p.approvedBy}`}
                  </div>
                  <div className="mt-1 flex flex-wrap gap-1">
                    {p.conditions && !p.conditions.storeImage && <Badge>Image not kept</Badge>}
                    {p.conditions && !p.conditions.qualityCheck && (
                      <Badge tone="warn">Quality check skipped</Badge>
                    )}
                    {p.conditions?.requireApproval && <Badge tone="info">Approval required</Badge>}
                    {!p.searchable && <Badge tone="danger">Not searchable</Badge>}
                  </div>
                </div>
              </li>
            ))}
          </ol>
        )}
      </section>
      <RejectedUploads items={rejected} />
    </div>
  );
}
