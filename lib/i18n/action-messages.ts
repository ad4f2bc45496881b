import "server-only";
import { getLocale, getTranslations } from "next-intl/server";
import type { z } from "zod";
import type { AppError } from "@/lib/errors";

/**
 * Messages of server actions in the user's language, chosen by code — never by matching English
 * text. An AppError's `code` picks `errors.<CODE>`; a zod issue on a field picks
 * `fields.<field>.<issue code>`, else `fields.<field>.default`, else `fields._.<issue code>`. A code
 * without a message falls back to the service's English text, so a new code is never a blank.
 */
export async function errorMessage(code: string, fallback?: string): Promise<string> {
  const t = await getTranslations("errors");
  if (t.has(code as never)) return t(code as never);
  return fallback ?? t("INTERNAL");
}

/**
 * The message of an AppError a form shows, in the user's language. A refused photo carries its own
 * message in both languages (its quality report's primary issue, lib/portrait/issues.ts): the same
 * words the phone and the REST API give for the same code. Other errors: `errors.<CODE>`.
 */
export async function appErrorMessage(error: AppError): Promise<string> {
  const report = error.extra?.report as
    { primary?: { message?: unknown; messageJa?: unknown } | null } | undefined;
  const own = (await getLocale()) === "ja" ? report?.primary?.messageJa : report?.primary?.message;
  if (typeof own === "string" && own !== "") return own;
  return errorMessage(error.code, error.message);
}

/**
 * An AppError's field errors: each field gets the code's short field message (`errorFields.<CODE>`,
 * beside the form's own message `errors.<CODE>`), else the code's message, else the service's text.
 */
export async function appFieldErrors(
  code: string,
  fieldErrors: Record<string, string[]> | undefined,
): Promise<Record<string, string[]> | undefined> {
  if (!fieldErrors) return undefined;
  const [fields, t] = await Promise.all([getTranslations("errorFields"), getTranslations("errors")]);
  const text = fields.has(code as never)
    ? fields(code as never)
    : t.has(code as never)
      ? t(code as never)
      : undefined;
  if (text === undefined) return fieldErrors;
  return Object.fromEntries(Object.keys(fieldErrors).map((field) => [field, [text]]));
}

/** zod's issues as `{ field: [message] }` in the user's language. */
export async function issueFieldErrors(issues: z.core.$ZodIssue[]): Promise<Record<string, string[]>> {
  const t = await getTranslations("fields");
  const out: Record<string, string[]> = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? "_");
    const values = {
      minimum: Number("minimum" in issue ? issue.minimum : 0),
      maximum: Number("maximum" in issue ? issue.maximum : 0),
    };
    // Numbers are told their bound ("Enter 32 or more."), strings their length: the issue's kind
    // (origin, or the type expected) picks the wording, an exclusive bound its own.
    const kind = "origin" in issue ? issue.origin : "expected" in issue ? issue.expected : undefined;
    const exclusive = "inclusive" in issue && issue.inclusive === false ? "_exclusive" : "";
    const candidates = [
      `${field}.${issue.code}`,
      `${field}.default`,
      `_.${issue.code}_${kind}${exclusive}`,
      `_.${issue.code}_${kind}`,
      `_.${issue.code}`,
      "_.default",
    ];
    const key = candidates.find((k) => t.has(k as never))!;
    (out[field] ??= []).push(t(key as never, values as never));
  }
  return out;
}
