"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { changePasswordAction } from "./actions";

export function PasswordForm() {
  const [state, action, pending] = useActionState(changePasswordAction, undefined);
  return (
    <form action={action} className="space-y-4 rounded-lg bg-white p-6 ring-1 ring-slate-200">
      <h2 className="font-semibold">Change password</h2>
      <p className="text-sm text-slate-600">
        You will be signed out everywhere and sign in again with the new password.
      </p>
      {!state?.ok && <FormMessage message={state?.message} />}
      <TextField
        label="Current password"
        name="currentPassword"
        type="password"
        required
        autoComplete="current-password"
        errors={state?.errors?.currentPassword}
      />
      <TextField
        label="New password"
        name="newPassword"
        type="password"
        required
        autoComplete="new-password"
        hint="At least 10 characters."
        errors={state?.errors?.newPassword}
      />
      <TextField
        label="Repeat the new password"
        name="confirmPassword"
        type="password"
        required
        autoComplete="new-password"
        errors={state?.errors?.confirmPassword}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
