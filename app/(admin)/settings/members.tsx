"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogButtons, useActionThen } from "@/components/ui/dialog-form";
import { FormMessage } from "@/components/ui/field";
import { FormFields, passwordField } from "@/components/ui/form-fields";
import { Cell, DataTable, Row, RowActions } from "@/components/ui/table";
import { addMemberAction, changeMemberRoleAction, setMemberDisabledAction } from "./actions";

export interface MemberView {
  userId: string;
  email: string;
  name: string;
  role: "owner" | "admin" | "reviewer";
  disabled: boolean;
}

function MemberRow({ member, self }: { member: MemberView; self: boolean }) {
  const t = useTranslations("members");
  const tr = useTranslations("nav.roles");
  const [roleState, changeRole, changing] = useActionState(changeMemberRoleAction, undefined);
  const [statusState, toggle, toggling] = useActionState(setMemberDisabledAction, undefined);
  const error = [roleState, statusState].find((s) => s && !s.ok)?.message;
  return (
    <Row data-testid="member-row">
      <Cell>
        <div className="font-medium">{member.email}</div>
        {member.name && <div className="text-xs text-slate-500">{member.name}</div>}
        {error && (
          <div className="text-xs text-red-700" role="alert">
            {error}
          </div>
        )}
      </Cell>
      <Cell label={t("role")}>
        <form action={changeRole} className="flex items-center gap-2">
          <input type="hidden" name="userId" value={member.userId} />
          <label className="sr-only" htmlFor={`role-${member.userId}`}>
            {t("roleOf", { email: member.email })}
          </label>
          <select
            id={`role-${member.userId}`}
            name="role"
            defaultValue={member.role}
            className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
          >
            {(["owner", "admin", "reviewer"] as const).map((r) => (
              <option key={r} value={r}>
                {tr(r)}
              </option>
            ))}
          </select>
          <Button type="submit" variant="secondary" disabled={changing}>
            {t("save")}
          </Button>
        </form>
      </Cell>
      <Cell label={t("status")} stack="inline">
        {member.disabled ? (
          <Badge tone="danger">{t("disabled")}</Badge>
        ) : (
          <Badge tone="success">{t("active")}</Badge>
        )}
      </Cell>
      <RowActions stack="inline">
        {!self && member.disabled && (
          <form action={toggle}>
            <input type="hidden" name="userId" value={member.userId} />
            <input type="hidden" name="disabled" value="false" />
            <Button
              type="submit"
              variant="ghost"
              disabled={toggling}
              aria-label={t("enableNamed", { email: member.email })}
            >
              {t("enable")}
            </Button>
          </form>
        )}
        {!self && !member.disabled && <DisableMember member={member} toggle={toggle} toggling={toggling} />}
      </RowActions>
    </Row>
  );
}

/** Disabling signs the member out everywhere at once: it is asked for, then confirmed. */
function DisableMember({
  member,
  toggle,
  toggling,
}: {
  member: MemberView;
  toggle: (form: FormData) => void;
  toggling: boolean;
}) {
  const t = useTranslations("members");
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        variant="ghost"
        onClick={() => setOpen(true)}
        aria-label={t("disableNamed", { email: member.email })}
      >
        {t("disable")}
      </Button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title={t("disableTitle", { email: member.email })}
        description={t("disableDescription")}
      >
        <form action={toggle} onSubmit={() => setOpen(false)} className="flex justify-end gap-2">
          <input type="hidden" name="userId" value={member.userId} />
          <input type="hidden" name="disabled" value="true" />
          <Button variant="secondary" onClick={() => setOpen(false)}>
            {t("cancel")}
          </Button>
          <Button type="submit" variant="danger" disabled={toggling}>
            {t("disableConfirm")}
          </Button>
        </form>
      </Dialog>
    </>
  );
}

function AddMemberForm({ onDone }: { onDone: () => void }) {
  const t = useTranslations("members");
  const tr = useTranslations("nav.roles");
  const [state, action, pending] = useActionThen(addMemberAction, onDone);
  return (
    <form action={action} className="space-y-3">
      {!state?.ok && <FormMessage message={state?.message} />}
      <FormFields
        state={state}
        fields={[
          { name: "email", label: t("email"), type: "email", required: true },
          { name: "name", label: t("name") },
        ]}
      />
      <label className="block text-sm font-medium text-slate-700">
        {t("role")}
        <select
          name="role"
          defaultValue={state?.values?.role ?? "reviewer"}
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        >
          {(["reviewer", "admin", "owner"] as const).map((r) => (
            <option key={r} value={r}>
              {tr(r)} — {t(`roleHint.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <FormFields
        state={state}
        fields={[passwordField("password", t("password"), "new", t("passwordHint"))]}
      />
      <DialogButtons
        cancel={{ label: t("cancel"), onClick: onDone }}
        submit={{ label: t("add"), pending: t("adding") }}
        busy={pending}
      />
    </form>
  );
}

export function MembersSection({ members, selfId }: { members: MemberView[]; selfId: string }) {
  const t = useTranslations("members");
  const [open, setOpen] = useState(false);
  return (
    <div className="space-y-3">
      <div className="flex justify-end">
        <Button onClick={() => setOpen(true)}>{t("add")}</Button>
      </div>
      <DataTable label={t("title")} columns={[t("member"), t("role"), t("status")]} actions>
        {members.map((m) => (
          <MemberRow key={m.userId} member={m} self={m.userId === selfId} />
        ))}
      </DataTable>
      <Dialog open={open} onOpenChange={setOpen} title={t("add")}>
        {open && <AddMemberForm onDone={() => setOpen(false)} />}
      </Dialog>
    </div>
  );
}
