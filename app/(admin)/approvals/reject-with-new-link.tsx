"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { LinkResult } from "../identities/link-result";
import { newLinkContextAction, rejectWithNewLinkAction } from "./new-link-actions";
import { ReasonFields } from "./reason-fields";

const T = {
  open: "Reject and send a new link…",
  reason: "Reason (the person reads it in their language)",
  note: "Your own words (optional, sent as written)",
  language: "Language",
  email: "Email the new link and the reason",
  emailNoAddress: "This person has no email address: you will get the link to pass on.",
  emailMissing: (missing: string[]) =>
    `Email is not set up (set ${missing.join(" and ")}): you will get the link to pass on.`,
  campaign: (name: string) => `The new link belongs to the campaign “${name}”.`,
  submit: "Reject and send a new link",
  working: "Rejecting…",
  tellThem: "Tell the person:",
};

type Context = {
  hasEmail: boolean;
  locale: "ja" | "en";
  campaignName: string | null;
  mailConfigured: boolean;
  mailMissing: string[];
};
type Done = { mailed: boolean; reasonText: string; url?: string; expiresAt?: string; qrSvg?: string };

/** In the review viewer: reject with a reason and give the person a new link (admins and owners only). */
export function RejectWithNewLink({ requestId }: { requestId: string }) {
  const [context, setContext] = useState<Context | null>(null);
  const [open, setOpen] = useState(false);
  const [state, action, pending] = useActionState(rejectWithNewLinkAction, undefined);
  const id = useId();
  const router = useRouter();
  const decided = useRef(false);
  useEffect(() => {
    decided.current = Boolean(state?.ok);
  }, [state]);
  // Once the viewer closes, show the approvals without this request.
  useEffect(() => {
    const ref = decided;
    return () => {
      if (ref.current) router.refresh();
    };
  }, [router]);
  useEffect(() => {
    let cancelled = false;
    const form = new FormData();
    form.set("id", requestId);
    newLinkContextAction(undefined, form).then((result) => {
      if (!cancelled && result.ok) setContext(result.result as Context);
    });
    return () => {
      cancelled = true;
    };
  }, [requestId]);
  if (!context) return null;
  const done = state?.ok ? (state.result as Done) : null;
  if (done) {
    return (
      <div className="space-y-3 border-t border-slate-200 pt-4" data-testid="rejected-with-new-link">
        <FormMessage ok message={state?.message} />
        {!done.mailed && done.url && done.expiresAt && done.qrSvg && (
          <>
            <p className="text-sm text-slate-700">
              {T.tellThem} <span className="font-medium">{done.reasonText}</span>
            </p>
            <LinkResult url={done.url} expiresAt={done.expiresAt} qrSvg={done.qrSvg} />
          </>
        )}
      </div>
    );
  }
  if (!open) {
    return (
      <div className="flex justify-end">
        <Button variant="ghost" onClick={() => setOpen(true)}>
          {T.open}
        </Button>
      </div>
    );
  }
  const canMail = context.hasEmail && context.mailConfigured;
  return (
    <form action={action} className="space-y-3 border-t border-slate-200 pt-4">
      {state && !state.ok && <FormMessage message={state.message} />}
      <input type="hidden" name="id" value={requestId} />
      {context.campaignName && <p className="text-sm text-slate-600">{T.campaign(context.campaignName)}</p>}
      <ReasonFields
        reason={{ label: T.reason, name: "reason", defaultValue: "FACE_NOT_CLEAR" }}
        note={{ label: T.note, name: "note" }}
      />
      <div>
        <label htmlFor={`${id}-locale`} className="block text-sm font-medium text-slate-700">
          {T.language}
        </label>
        <select
          id={`${id}-locale`}
          name="locale"
          defaultValue={context.locale}
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        >
          <option value="ja">日本語</option>
          <option value="en">English</option>
        </select>
      </div>
      <label className="flex gap-3 text-sm">
        <input
          type="checkbox"
          name="email"
          defaultChecked={canMail}
          disabled={!canMail}
          className="mt-1 h-4 w-4 accent-brand-600"
        />
        <span>
          <span className="block font-medium text-slate-800">{T.email}</span>
          {!canMail && (
            <span className="block text-xs text-slate-500">
              {context.hasEmail ? T.emailMissing(context.mailMissing) : T.emailNoAddress}
            </span>
          )}
        </span>
      </label>
      <div className="flex justify-end">
        <Button type="submit" variant="danger" disabled={pending}>
          {pending ? T.working : T.submit}
        </Button>
      </div>
    </form>
  );
}
