"use client";

import { useState } from "react";
import { similarityText } from "@/components/admin/verdict-band";
import { Button } from "@/components/ui/button";
import { ReasonFields } from "./reason-fields";

export interface DuplicateOf {
  requestId: string;
  displayName: string;
  matches: { identityId: string; displayName: string; externalId: string; similarity: number }[];
}

export type Confirmed = { reason?: string; note?: string; confirmDuplicates?: boolean };

/**
 * The confirmation a decision needs where it matters: a rejection asks why (the reason is kept on
 * the request and shown in the identity's history); approving a photo that matches another identity
 * over the same-person threshold shows who it matches and asks why it is approved anyway.
 */
export function ConfirmDecision({
  decision,
  count,
  duplicates = [],
  onConfirm,
  onCancel,
}: {
  decision: "approve" | "reject";
  count: number;
  duplicates?: DuplicateOf[];
  onConfirm: (c: Confirmed) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState("");
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (decision === "reject" && !reason) return setError("Choose why the photo is rejected.");
    if (decision === "approve" && !note.trim())
      return setError("Say why you approve a photo that matches someone else.");
    onConfirm(
      decision === "reject"
        ? { reason, note: note.trim() || undefined }
        : { note: note.trim(), confirmDuplicates: true },
    );
  };
  return (
    <form
      onSubmit={submit}
      className="space-y-3 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200"
      data-testid="confirm-decision"
    >
      {decision === "approve" ? (
        <div className="text-sm" role="alert">
          <p className="font-semibold text-amber-900">
            {count > 1 ? "Some of these photos match" : "This photo matches"} someone else:
          </p>
          <ul className="mt-1 list-disc pl-5 text-amber-900">
            {duplicates.flatMap((d) =>
              d.matches.map((m) => (
                <li key={`${d.requestId}-${m.identityId}`}>
                  {count > 1 ? `${d.displayName}: ` : ""}
                  {m.displayName} ({m.externalId}) — {similarityText(m.similarity)}
                </li>
              )),
            )}
          </ul>
        </div>
      ) : null}
      <ReasonFields
        reason={
          decision === "reject"
            ? {
                label: `Why reject ${count > 1 ? `these ${count} photos` : "this photo"}?`,
                placeholder: "Choose a reason…",
                value: reason,
                onChange: (e) => setReason(e.target.value),
              }
            : undefined
        }
        note={{
          label:
            decision === "approve" ? "Why approve it anyway?" : "Note (optional, kept with the decision)",
          value: note,
          onChange: (e) => setNote(e.target.value),
        }}
      />
      {error && (
        <p className="text-sm text-red-700" role="alert">
          {error}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" variant={decision === "reject" ? "danger" : "primary"}>
          {decision === "reject" ? "Reject" : "Approve anyway"}
        </Button>
      </div>
    </form>
  );
}
