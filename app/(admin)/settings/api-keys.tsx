"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { DateTime } from "@/components/ui/date-time";
import { Badge } from "@/components/ui/badge";
import { Cell, DataTable, Row, RowActions } from "@/components/ui/table";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { FormMessage, TextField } from "@/components/ui/field";
import { DialogButtons } from "@/components/ui/dialog-form";
import { createApiKeyAction, revokeApiKeyAction } from "./actions";

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export function ApiKeysSection({ keys }: { keys: ApiKeyView[] }) {
  const t = useTranslations("apiKeys");
  return (
    <div className="space-y-3">
      <CreateApiKeyDialog />
      {keys.length === 0 ? (
        <p className="text-sm text-slate-600">{t("empty")}</p>
      ) : (
        <DataTable
          label={t("title")}
          columns={[t("name"), t("key"), t("created"), t("lastUsed"), t("status")]}
          actions
        >
          {keys.map((key) => (
            <Row key={key.id} data-testid="api-key-row">
              <Cell stack="grow" className="font-medium text-slate-900">
                {key.name}
              </Cell>
              <Cell stack="inline" label={t("key")} className="font-mono text-xs text-slate-600">
                {key.prefix}…
              </Cell>
              <Cell label={t("created")} className="text-slate-600">
                <DateTime value={key.createdAt} />
              </Cell>
              <Cell label={t("lastUsed")} className="text-slate-600">
                {key.lastUsedAt ? <DateTime value={key.lastUsedAt} style="relative" /> : t("never")}
              </Cell>
              <Cell label={t("status")}>
                {key.revokedAt ? (
                  <Badge tone="danger">
                    {t.rich("revokedAt", { when: () => <DateTime value={key.revokedAt!} /> })}
                  </Badge>
                ) : (
                  <Badge tone="success">{t("active")}</Badge>
                )}
              </Cell>
              <RowActions>{!key.revokedAt && <RevokeApiKeyDialog id={key.id} name={key.name} />}</RowActions>
            </Row>
          ))}
        </DataTable>
      )}
    </div>
  );
}

function CreateApiKeyDialog() {
  const t = useTranslations("apiKeys");
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
      <Button onClick={() => onOpenChange(true)}>{t("create")}</Button>
      <Dialog open={open} onOpenChange={onOpenChange} title={created ? t("copyTitle") : t("create")}>
        {created ? (
          <div className="space-y-4">
            <p className="text-sm text-slate-700">{t("onlyOnce")}</p>
            <label className="block text-sm font-medium text-slate-700" htmlFor="new-api-key">
              {t("keyNamed", { name: created.name })}
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
                {copied ? t("copied") : t("copy")}
              </Button>
              <Button onClick={() => onOpenChange(false)}>{t("done")}</Button>
            </div>
          </div>
        ) : (
          <form action={action} className="space-y-4">
            {!state?.ok && <FormMessage message={state?.message} />}
            <TextField
              label={t("name")}
              name="name"
              required
              maxLength={100}
              placeholder={t("namePlaceholder")}
              hint={t("nameHint")}
              errors={state?.errors?.name}
              defaultValue={state?.values?.name}
            />
            <DialogButtons
              cancel={{ label: t("cancel"), onClick: () => onOpenChange(false) }}
              submit={{ label: t("createKey"), pending: t("creating") }}
              busy={pending}
            />
          </form>
        )}
      </Dialog>
    </>
  );
}

function RevokeApiKeyDialog({ id, name }: { id: string; name: string }) {
  const t = useTranslations("apiKeys");
  return (
    <ConfirmDialog
      action={revokeApiKeyAction}
      id={id}
      trigger={{ label: t("revoke"), ariaLabel: t("revokeNamed", { name }) }}
      title={t("revokeTitle", { name })}
      description={t("revokeDescription")}
      confirm={{ label: t("revokeKey"), pending: t("revoking") }}
    />
  );
}
