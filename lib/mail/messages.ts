/**
 * What a person reads in a campaign mail, in Japanese and English. Every value is the person's
 * own or their organization's; the URL is their one-time link.
 */
export type MailLocale = "en" | "ja";
export type MailKind = "invitation" | "reminder" | "new_link";

export interface MailContent {
  organizationName: string;
  personName: string;
  url: string;
  expiresAt: Date;
  timeZone: string;
  /** For `new_link`: why the last photo was not accepted, already in the person's language. */
  reason?: string;
  /** For `new_link`: the administrator's own words, sent as written. */
  note?: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

function formatExpiry(date: Date, locale: MailLocale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", {
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  }).format(date);
}

interface Copy {
  subject: (org: string) => string;
  greeting: (name: string) => string;
  lead: (org: string) => string[];
  linkLabel: string;
  expiry: (when: string) => string;
  reasonLabel: string;
  noteLabel: string;
  footer: string[];
}

const COPY: Record<MailLocale, Record<MailKind, Copy>> = (() => {
  const ja = {
    greeting: (name: string) => `${name} 様`,
    linkLabel: "写真を登録する",
    expiry: (when: string) => `有効期限：${when}`,
    reasonLabel: "理由",
    noteLabel: "管理者からのメッセージ",
    footer: [
      "このリンクはあなた専用で、一度だけ使用できます。他の人に転送しないでください。",
      "心当たりのない場合は、このメールを破棄してください。",
    ],
  };
  const en = {
    greeting: (name: string) => `Hello ${name},`,
    linkLabel: "Register your photo",
    expiry: (when: string) => `Valid until: ${when}`,
    reasonLabel: "Reason",
    noteLabel: "Message from your administrator",
    footer: [
      "This link is yours alone and works once. Please do not forward it.",
      "If you did not expect this message, you can ignore it.",
    ],
  };
  return {
    ja: {
      invitation: {
        ...ja,
        subject: (org) => `【${org}】顔写真登録のお願い`,
        lead: (org) => [
          `${org} より、顔認識に使用する顔写真の登録をお願いしています。`,
          "下のリンクをスマートフォンで開き、案内に従って写真を撮影または選択してください。",
        ],
      },
      reminder: {
        ...ja,
        subject: (org) => `【${org}】顔写真登録のお願い（再送）`,
        lead: (org) => [
          `${org} への顔写真の登録がまだ完了していません。`,
          "新しいリンクをお送りします（以前のリンクは使えなくなりました）。スマートフォンで開いて登録してください。",
        ],
      },
      new_link: {
        ...ja,
        subject: (org) => `【${org}】顔写真の再登録のお願い`,
        lead: (org) => [
          `${org} に登録いただいた顔写真は、受け付けることができませんでした。`,
          "お手数ですが、新しいリンクから写真をもう一度お送りください。",
        ],
      },
    },
    en: {
      invitation: {
        ...en,
        subject: (org) => `${org}: please register your photo`,
        lead: (org) => [
          `${org} asks you to register a portrait photo, used to recognise you.`,
          "Open the link below on your phone and follow the steps to take or choose a photo.",
        ],
      },
      reminder: {
        ...en,
        subject: (org) => `Reminder — ${org}: please register your photo`,
        lead: (org) => [
          `We have not received your photo for ${org} yet.`,
          "Here is a new link (the earlier one no longer works). Open it on your phone to register.",
        ],
      },
      new_link: {
        ...en,
        subject: (org) => `${org}: please send a new photo`,
        lead: (org) => [
          `The photo you sent to ${org} could not be accepted.`,
          "Please send a new one through the link below.",
        ],
      },
    },
  };
})();

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

export function renderMail(kind: MailKind, locale: MailLocale, content: MailContent): RenderedMail {
  const copy = COPY[locale][kind];
  const expiry = copy.expiry(formatExpiry(content.expiresAt, locale, content.timeZone));
  const reasonLines =
    kind === "new_link"
      ? [
          ...(content.reason ? [`${copy.reasonLabel}: ${content.reason}`] : []),
          ...(content.note ? [`${copy.noteLabel}: ${content.note}`] : []),
        ]
      : [];
  const text = [
    copy.greeting(content.personName),
    "",
    ...copy.lead(content.organizationName),
    ...(reasonLines.length ? ["", ...reasonLines] : []),
    "",
    content.url,
    "",
    expiry,
    ...copy.footer,
    "",
    `— ${content.organizationName}`,
    "",
  ].join("\r\n");
  const p = (line: string) => `<p style="margin:0 0 12px">${escapeHtml(line)}</p>`;
  const html = `<!doctype html><html lang="${locale}"><body style="font-family:sans-serif;line-height:1.6;color:#1e293b">
${p(copy.greeting(content.personName))}
${copy.lead(content.organizationName).map(p).join("\n")}
${reasonLines.map(p).join("\n")}
<p style="margin:20px 0"><a href="${escapeHtml(content.url)}" style="background:#2563eb;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(copy.linkLabel)}</a></p>
<p style="margin:0 0 12px;font-size:13px;word-break:break-all">${escapeHtml(content.url)}</p>
${p(expiry)}
${copy.footer.map((line) => `<p style="margin:0 0 4px;font-size:13px;color:#64748b">${escapeHtml(line)}</p>`).join("\n")}
<p style="margin:16px 0 0">— ${escapeHtml(content.organizationName)}</p>
</body></html>`;
  return { subject: copy.subject(content.organizationName), text, html };
}
