"use client";

import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { deleteIdentityAction } from "./actions";

export function DeleteIdentityDialog({
  id,
  displayName,
  hasPortrait,
}: {
  id: string;
  displayName: string;
  hasPortrait: boolean;
}) {
  return (
    <ConfirmDialog
      action={deleteIdentityAction}
      id={id}
      trigger={{ label: "Delete", ariaLabel: `Delete ${displayName}` }}
      title={`Delete ${displayName}?`}
      description={
        <>
          This deletes the identity and all of its biometric data
          {hasPortrait ? " — portraits, face templates" : ""}, pending approval requests and upload links. It
          cannot be undone.
        </>
      }
      confirm={{ label: "Delete identity", pending: "Deleting…" }}
    />
  );
}
