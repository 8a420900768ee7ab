import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';

/** One email as Quire composes it: plain text only. */
export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  /** Absolute one-click unsubscribe URL (RFC 8058), when the email has one. */
  unsubscribeUrl?: string | undefined;
}

/** C0 and C1 controls, DEL, and the Unicode line and paragraph separators. */
const CONTROL_CHARACTERS = /[\p{Cc}\u2028\u2029]/gu;

/**
 * Text bound for a header (subject, display names): control characters — CR and LF above all,
 * which would end the header and start another — become spaces, runs of spaces collapse,
 * and it is cut to `max` characters. Header values never carry anything else a writer typed.
 */
export function headerText(value: string, max = 200): string {
  const flat = value.replace(CONTROL_CHARACTERS, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * An address we may put in a To header: one plain addr-spec with no control characters,
 * spaces, angle brackets, commas or quotes. Anything else is refused rather than repaired.
 */
export function isSafeAddress(value: string): boolean {
  return value.length <= 320 && /^[^\s<>,;:"\\()[\]\p{Cc}]+@[^\s<>,;:"\\()[\]\p{Cc}@]+$/u.test(value);
}

export class UnsafeEmailError extends Error {
  override name = 'UnsafeEmailError';
}

/** The message nodemailer sends, with List-Unsubscribe and List-Unsubscribe-Post when there is a link. */
export function toMailOptions(from: string, email: OutgoingEmail): SendMailOptions {
  if (!isSafeAddress(email.to)) throw new UnsafeEmailError('refused an unsafe recipient address');
  if (headerText(email.subject, 250) !== email.subject) throw new UnsafeEmailError('refused a subject with control characters');
  return {
    from,
    to: email.to,
    subject: email.subject,
    text: email.text,
    ...(email.unsubscribeUrl
      ? {
          headers: {
            'List-Unsubscribe': `<${email.unsubscribeUrl}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          },
        }
      : {}),
  };
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
}

/** A mailer over any nodemailer transport (SMTP in production; a stream transport in tests). */
export function createMailer(transport: Transporter, from: string): Mailer {
  return {
    async send(email) {
      await transport.sendMail(toMailOptions(from, email));
    },
    close() {
      transport.close();
    },
  };
}

/** The SMTP mailer for SMTP_URL, or none: then mail stays in the outbox table. */
export function smtpMailer(smtpUrl: string | undefined, from: string): Mailer | undefined {
  return smtpUrl ? createMailer(nodemailer.createTransport(smtpUrl), from) : undefined;
}
