import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { getDb, type Db } from "@/db/client";
import { classifyDbError } from "@/lib/db-errors";
import { isAppError, type AppError } from "@/lib/errors";
import { appErrorMessage, appFieldErrors, errorMessage, issueFieldErrors } from "@/lib/i18n/action-messages";
import { logError } from "@/lib/log";
import { isSameOriginRequest } from "./origin";
import type { Role } from "./roles";
import { requireSession, type SessionContext } from "./session";

/**
 * What every form action returns to `useActionState`. `R` is the action's result, inferred from its
 * body by `sessionAction`, so the form reads the same type the action wrote (no casts).
 */
export interface ActionState<R = Record<string, unknown>> {
  ok?: boolean;
  /**
   * Why it failed, as a stable code (an AppError's code; INTERNAL for an unexpected error): what
   * tests and clients tell failures apart by, whatever the language of `message`.
   */
  code?: string;
  message?: string;
  errors?: Record<string, string[] | undefined>;
  /** Set once per successful submission so clients can react (close a dialog) exactly once. */
  doneAt?: number;
  result?: R;
  /** What was submitted, echoed back on failure so the form keeps it (React resets forms after an action). */
  values?: Record<string, string>;
}

/** Submitted text fields, minus secrets, to refill a form after a failed submission. */
export function echoValues(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !key.startsWith("$ACTION") && !/password|token|secret/i.test(key))
      out[key] = value;
  }
  return out;
}

/** A submission the schema refused: each field's messages, and what was typed, for the form to show. */
export async function invalidState(
  issues: z.core.$ZodIssue[],
  formData: FormData,
): Promise<ActionState<never>> {
  return {
    ok: false,
    message: await errorMessage("VALIDATION"),
    errors: await issueFieldErrors(issues),
    values: echoValues(formData),
  };
}

/** A submission a service refused with an AppError: its code, message and field messages, and what was typed. */
export async function appErrorState(error: AppError, formData: FormData): Promise<ActionState<never>> {
  return {
    ok: false,
    code: error.code,
    message: await appErrorMessage(error),
    errors: await appFieldErrors(error.code, error.fieldErrors),
    values: echoValues(formData),
  };
}

function formDataToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION")) continue;
    out[key] = value;
  }
  return out;
}

/** What an action answers a request from another site (a form posted cross-origin). */
export async function crossOriginState(): Promise<ActionState<never>> {
  return { ok: false, code: "CROSS_ORIGIN", message: await errorMessage("CROSS_ORIGIN") };
}

/**
 * The frame of every form action: the same-origin check, then the form. React calls a form action
 * with a FormData; anything else comes from a hand-made request (`Next-Action` with JSON arguments)
 * and gets VALIDATION instead of reaching code that reads a form.
 */
export function formAction<R = never>(body: (formData: FormData) => Promise<ActionState<R>>) {
  return async (_prev: ActionState<unknown> | undefined, formData: FormData): Promise<ActionState<R>> => {
    if (!(await isSameOriginRequest())) return await crossOriginState();
    if (!(formData instanceof FormData))
      return { ok: false, code: "VALIDATION", message: await errorMessage("VALIDATION") };
    return await body(formData);
  };
}

/**
 * The one way to write a session's server action: form → session → organization + role → zod →
 * body. Every action is a public POST endpoint, so nothing is trusted from the client but the
 * fields the schema names; the organization always comes from the session.
 */
export function sessionAction<S extends z.ZodType, R = never>(
  role: Role,
  schema: S,
  body: (input: z.infer<S>, ctx: SessionContext, db: Db) => Promise<ActionState<R> | void>,
) {
  return formAction<R>(async (formData) => {
    try {
      const ctx = await requireSession(role);
      const parsed = schema.safeParse(formDataToObject(formData));
      if (!parsed.success) return await invalidState(parsed.error.issues, formData);
      const result = await body(parsed.data, ctx, await getDb());
      return { ok: true, doneAt: Date.now(), ...(result ?? {}) };
    } catch (caught) {
      unstable_rethrow(caught);
      const error = classifyDbError(caught);
      if (isAppError(error)) return await appErrorState(error, formData);
      logError("server action failed", error);
      return {
        ok: false,
        code: "INTERNAL",
        message: await errorMessage("INTERNAL"),
        values: echoValues(formData),
      };
    }
  });
}
