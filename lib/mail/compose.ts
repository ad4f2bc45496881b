import "server-only";
import addressparser from "nodemailer/lib/addressparser/index.js";
import MailComposer from "nodemailer/lib/mail-composer/index.js";
import type { RenderedMail } from "./messages";

/** The bare address of MAIL_FROM (`Name <a@b>` or `a@b`). */
export function senderAddress(mailFrom: string): string {
  const [first] = addressparser(mailFrom, { flatten: true });
  if (!first?.address) throw new Error("MAIL_FROM has no address");
  return first.address;
}

/**
 * One outbox row's stable Message-ID: the same on every attempt, so if a server ever did get two
 * copies (one that accepted the message but never said so), mail systems that de-duplicate by
 * Message-ID show one.
 */
export function messageIdFor(rowId: string, mailFrom: string): string {
  const domain = senderAddress(mailFrom).split("@")[1] || "identity-manager.invalid";
  return `<${rowId}@${domain}>`;
}

export interface Composed {
  envelope: { from: string; to: string };
  raw: Buffer;
}

/** The complete RFC 5322 message (text and HTML alternatives), built before the SMTP session starts. */
export async function composeMail(input: {
  rowId: string;
  mailFrom: string;
  senderName: string;
  to: { name: string; address: string };
  rendered: RenderedMail;
}): Promise<Composed> {
  const from = senderAddress(input.mailFrom);
  const node = new MailComposer({
    from: { name: input.senderName, address: from },
    to: { name: input.to.name, address: input.to.address },
    subject: input.rendered.subject,
    text: input.rendered.text,
    html: input.rendered.html,
    messageId: messageIdFor(input.rowId, input.mailFrom),
    headers: { "Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All" },
  }).compile();
  const raw = await new Promise<Buffer>((resolve, reject) =>
    node.build((err, message) => (err ? reject(err) : resolve(message))),
  );
  return { envelope: { from, to: input.to.address }, raw };
}
