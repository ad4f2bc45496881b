"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { setupAction } from "./actions";

export function SetupForm() {
  const [state, action, pending] = useActionState(setupAction, undefined);
  return (
    <form
      action={action}
      className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
    >
      <FormMessage message={state?.message} ok={state?.ok} />
      <TextField
        label="Organization name"
        name="organizationName"
        defaultValue={state?.values?.organizationName}
        required
        autoComplete="organization"
        errors={state?.errors?.organizationName}
      />
      <TextField
        label="Your name"
        name="name"
        defaultValue={state?.values?.name}
        autoComplete="name"
        errors={state?.errors?.name}
      />
      <TextField
        label="Email"
        name="email"
        defaultValue={state?.values?.email}
        type="email"
        required
        autoComplete="email"
        errors={state?.errors?.email}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        required
        autoComplete="new-password"
        hint="At least 10 characters."
        errors={state?.errors?.password}
      />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Creating…" : "Create organization"}
      </Button>
    </form>
  );
}
