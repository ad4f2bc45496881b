import "server-only";
import { env } from "@/lib/env";

export interface MailSettings {
  smtpUrl: string;
  /** `Name <address>` or a bare address; the organization's name replaces the display name. */
  from: string;
  timeZone: string;
}

export type MailAvailability =
  { configured: true; settings: MailSettings } | { configured: false; missing: string[] };

const globalForMail = globalThis as unknown as { __mailSettings?: MailSettings | null };

/** Mail settings from the environment; `missing` names what to set when mail is not configured. */
export function mailAvailability(): MailAvailability {
  if (globalForMail.__mailSettings !== undefined) {
    return globalForMail.__mailSettings
      ? { configured: true, settings: globalForMail.__mailSettings }
      : { configured: false, missing: ["SMTP_URL", "MAIL_FROM"] };
  }
  const e = env();
  const missing = [...(e.SMTP_URL ? [] : ["SMTP_URL"]), ...(e.MAIL_FROM ? [] : ["MAIL_FROM"])];
  if (missing.length) return { configured: false, missing };
  return {
    configured: true,
    settings: { smtpUrl: e.SMTP_URL!, from: e.MAIL_FROM!, timeZone: e.MAIL_TIME_ZONE },
  };
}

/** For tests and the benchmark: use these settings (or none) instead of the environment. */
export function setMailSettingsForProcess(settings: MailSettings | null | undefined): void {
  globalForMail.__mailSettings = settings;
}

export const MAIL_NOT_CONFIGURED_MESSAGE = (missing: string[]) =>
  `Email is not set up on this server: set ${missing.join(" and ")} (see the README's configuration table) and restart.`;
