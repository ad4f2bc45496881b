import "server-only";
import { and, eq, inArray, or, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { identities } from "@/db/schema";
import type { Actor } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import type { LinkConditionsInput } from "./schemas";
import { issueUploadLinks, missingIdentities, type IssuedLink, type IssueOptions } from "./service";

/** A batch item: an identity named by its id or by its external ID. */
export type IdentityRef = { id: string } | { externalId: string };

export interface BatchItemProblem {
  index: number;
  pointer: string;
  code: "IDENTITY_NOT_FOUND" | "DUPLICATE_IDENTITY";
  detail: string;
}

/** Some items of a batch are unusable; nothing was issued. `extra.errors` names them by index. */
export class BatchItemsError extends AppError {
  constructor(readonly items: BatchItemProblem[]) {
    const code = items.every((i) => i.code === "DUPLICATE_IDENTITY")
      ? "DUPLICATE_IDENTITY"
      : "IDENTITY_NOT_FOUND";
    super(code, `${items.length} of the batch's items cannot be used; no link was issued.`, 422, undefined, {
      errors: items,
    });
  }
}

const describeRef = (ref: IdentityRef) => ("id" in ref ? `id ${ref.id}` : `external ID “${ref.externalId}”`);

/**
 * Resolves batch items to identity ids of this organization, all or nothing: every item must name
 * a distinct identity (one of another organization is simply not found), else `BatchItemsError`
 * lists the unusable items by index. Ids come back in the order of `refs`.
 */
export async function resolveIdentityRefs(
  db: DbOrTx,
  organizationId: string,
  refs: IdentityRef[],
): Promise<string[]> {
  const ids = [...new Set(refs.flatMap((r) => ("id" in r ? [r.id.toLowerCase()] : [])))];
  const externalIds = [...new Set(refs.flatMap((r) => ("externalId" in r ? [r.externalId] : [])))];
  const match: SQL[] = [];
  if (ids.length) match.push(inArray(identities.id, ids));
  if (externalIds.length) match.push(inArray(identities.externalId, externalIds));
  const found = match.length
    ? await db
        .select({ id: identities.id, externalId: identities.externalId })
        .from(identities)
        .where(and(eq(identities.organizationId, organizationId), or(...match)))
    : [];
  const byId = new Map(found.map((f) => [f.id, f.id]));
  const byExternalId = new Map(found.map((f) => [f.externalId, f.id]));

  const problems: BatchItemProblem[] = [];
  const firstIndex = new Map<string, number>();
  const resolved = refs.map((ref, index) => {
    const id = "id" in ref ? byId.get(ref.id.toLowerCase()) : byExternalId.get(ref.externalId);
    if (!id) {
      problems.push({
        index,
        pointer: `/identities/${index}`,
        code: "IDENTITY_NOT_FOUND",
        detail: `No identity with ${describeRef(ref)}.`,
      });
    } else if (firstIndex.has(id)) {
      problems.push({
        index,
        pointer: `/identities/${index}`,
        code: "DUPLICATE_IDENTITY",
        detail: `Names the same identity as item ${firstIndex.get(id)}; one link per identity.`,
      });
    } else firstIndex.set(id, index);
    return id;
  });
  if (problems.length) throw new BatchItemsError(problems);
  return resolved as string[];
}

/**
 * Issues one link per named identity, all or nothing (see `resolveIdentityRefs`). Links come back
 * in the order of `refs`.
 */
export async function issueUploadLinkBatch(
  db: DbOrTx,
  organizationId: string,
  actor: Actor,
  refs: IdentityRef[],
  conditions: LinkConditionsInput,
  expiresInHours?: number,
  options: IssueOptions = {},
): Promise<IssuedLink[]> {
  const resolved = await resolveIdentityRefs(db, organizationId, refs);
  try {
    const issued = await issueUploadLinks(
      db,
      organizationId,
      actor,
      resolved,
      conditions,
      expiresInHours,
      options,
    );
    const byIdentity = new Map(issued.map((l) => [l.identityId, l]));
    return resolved.map((id) => byIdentity.get(id)!);
  } catch (error) {
    // An identity deleted between the lookup and the (locking) issue: report it like any unknown one.
    const missing = missingIdentities(error);
    if (missing) {
      const gone = new Set(missing);
      throw new BatchItemsError(
        resolved.flatMap((id, index) =>
          id && gone.has(id)
            ? [
                {
                  index,
                  pointer: `/identities/${index}`,
                  code: "IDENTITY_NOT_FOUND" as const,
                  detail: `No identity with ${describeRef(refs[index]!)}.`,
                },
              ]
            : [],
        ),
      );
    }
    throw error;
  }
}
