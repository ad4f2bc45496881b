"use client";

import { useActionState, useState } from "react";
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
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { FormMessage, TextField } from "@/components/ui/field";
import { createApiKeyAction, revokeApiKeyAction } from "./actions";

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "—");

export function ApiKeysSection({ keys }: { keys: ApiKeyView[] }) {
  return (
    <div className="space-y-3">
      <CreateApiKeyDialog />
      {keys.length === 0 ? (
        <p className="text-sm text-slate-600">No API keys yet.</p>
      ) : (
        <Table label="API keys">
          <TableHead>
            <HeaderCell>Name</HeaderCell>
            <HeaderCell>Key</HeaderCell>
            <HeaderCell>Created</HeaderCell>
            <HeaderCell>Last used</HeaderCell>
            <HeaderCell>Status</HeaderCell>
            <ActionsHeaderCell />
          </TableHead>
          <TableBody>
            {keys.map((key) => (
              <Row key={key.id} data-testid="api-key-row">
                <Cell stack="grow" className="font-medium text-slate-900">
                  {key.name}
                </Cell>
                <Cell stack="inline" label="Key" className="font-mono text-xs text-slate-600">
                  {key.prefix}…
                </Cell>
                <Cell label="Created" className="text-slate-600">
                  {when(key.createdAt)}
                </Cell>
                <Cell label="Last used" className="text-slate-600">
                  {when(key.lastUsedAt)}
                </Cell>
                <Cell label="Status">
                  {key.revokedAt ? (
                    <Badge tone="danger">Revoked {when(key.revokedAt)}</Badge>
                  ) : (
                    <Badge tone="success">Active</Badge>
                  )}
                </Cell>
                <RowActions>
                  {!key.revokedAt && <RevokeApiKeyDialog id={key.id} name={key.name} />}
                </RowActions>
              </Row>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}

function CreateApiKeyDialog() {
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState(false);
  // The key is shown once: after its dialog closes, that result is never rendered again.
  const [dismissedAt, setDismissedAt] = useState<number>();
  const [state, action, pending] = useActionState(createApiKeyAction, undefined);
  const created = state?.ok && state.doneAt !== dismissedAt ? state.result : undefined;
  const onOpenChange = (next: boolean) => {
    if (!next && created) setDismissedAt(state?.doneAt);
    setOpen(next);
    setCopied(false);
  };
  return (
    <>
      <Button onClick={() => onOpenChange(true)}>Create API key</Button>
      <Dialog
        open={open}
        onOpenChange={onOpenChange}
        title={created ? "Copy your new API key" : "Create API key"}
      >
        {created ? (
          <div className="space-y-4">
            <p className="text-sm text-slate-700">
              This is the only time the key is shown. Store it in your integration&apos;s secret store now; if
              it is lost, revoke it and create another.
            </p>
            <label className="block text-sm font-medium text-slate-700" htmlFor="new-api-key">
              API key “{created.name}”
            </label>
            <input
              id="new-api-key"
              readOnly
              value={created.key}
              className="block w-full rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-xs"
              onFocus={(e) => e.currentTarget.select()}
            />
            <div className="flex justify-end gap-2">
              <Button
                variant="secondary"
                onClick={async () => {
                  await navigator.clipboard.writeText(created.key);
                  setCopied(true);
                }}
              >
                {copied ? "Copied" : "Copy"}
              </Button>
              <Button onClick={() => onOpenChange(false)}>Done</Button>
            </div>
          </div>
        ) : (
          <form action={action} className="space-y-4">
            {!state?.ok && <FormMessage message={state?.message} />}
            <TextField
              label="Name"
              name="name"
              required
              maxLength={100}
              placeholder="HR sync"
              hint="Say what uses it, so you know what breaks if you revoke it."
              errors={state?.errors?.name}
              defaultValue={state?.values?.name}
            />
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => onOpenChange(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={pending}>
                {pending ? "Creating…" : "Create key"}
              </Button>
            </div>
          </form>
        )}
      </Dialog>
    </>
  );
}

function RevokeApiKeyDialog({ id, name }: { id: string; name: string }) {
  return (
    <ConfirmDialog
      action={revokeApiKeyAction}
      id={id}
      trigger={{ label: "Revoke", ariaLabel: `Revoke ${name}` }}
      title={`Revoke “${name}”?`}
      description="Integrations using this key stop working at once. This cannot be undone."
      confirm={{ label: "Revoke key", pending: "Revoking…" }}
    />
  );
}
