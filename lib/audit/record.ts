import "server-only";
import type { DbOrTx } from "@/db/client";
import { auditEvents } from "@/db/schema";

export type Actor =
  | { type: "user"; id: string; label: string }
  | { type: "api_key"; id: string; label: string }
  | { type: "public"; label?: string }
  | { type: "system"; label?: string };

/** The signed-in person audit events name for what they do in the console. */
export function actorOf(user: { userId: string; email: string }): Actor {
  return { type: "user", id: user.userId, label: user.email };
}

export interface AuditEntry {
  organizationId: string;
  actor: Actor;
  action: string;
  targetType?: string;
  targetId?: string;
  /** Never image bytes, tokens, keys or passwords. */
  details?: Record<string, unknown>;
}

export async function recordAudit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  await db.insert(auditEvents).values({
    organizationId: entry.organizationId,
    actorType: entry.actor.type,
    actorId: "id" in entry.actor ? entry.actor.id : null,
    actorLabel: entry.actor.label ?? null,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    details: entry.details ?? {},
  });
}
