import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /**
   * Stable, from the delivery's idempotency key, so a resend (if one ever happens) is recognisably
   * the same mail. Sent as the Message-ID; angle brackets are added if missing.
   */
  messageId?: string;
  headers?: Record<string, string>;
}

export interface EmailSenderOptions {
  /** e.g. smtp://127.0.0.1:1025 or smtps://user:pass@host:465; the URL's query parameters win over the timeouts below. */
  smtpUrl: string;
  /** e.g. "Ratify <ratify@council.gov.uk>" */
  from: string;
}

/** SMTP delivery through nodemailer: one connection per message, no retries (the queue retries). */
export class EmailSender {
  private readonly transport: Transporter<SMTPTransport.SentMessageInfo, SMTPTransport.Options>;

  constructor(private readonly opts: EmailSenderOptions) {
    // Timeouts are transport options, so they sit next to `url` in one object: createTransport's
    // second argument is per-message defaults, where they would be ignored. STARTTLS is used when
    // the server offers it and not demanded when it does not (a local catcher).
    this.transport = nodemailer.createTransport({
      url: opts.smtpUrl,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      dnsTimeout: 10_000,
    });
  }

  async send(mail: OutgoingEmail): Promise<{ messageId: string; accepted: string[] }> {
    const info = await this.transport.sendMail({
      from: this.opts.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId === undefined ? undefined : asMessageId(mail.messageId),
      headers: mail.headers,
    });
    const accepted = (info.accepted ?? []) as (string | { address: string })[];
    return { messageId: info.messageId, accepted: accepted.map((a) => (typeof a === 'string' ? a : a.address)) };
  }

  /** Connects and greets (and authenticates, if the URL has credentials); throws if the server is unusable. */
  async verify(): Promise<void> {
    await this.transport.verify();
  }

  close(): void {
    this.transport.close();
  }
}

/** `<id>` as RFC 5322 wants it: in brackets, no whitespace, with an @. */
function asMessageId(id: string): string {
  const bare = id.trim().replace(/^<|>$/g, '').replace(/[\s<>]/g, '');
  if (!bare) throw new RangeError('empty messageId');
  return `<${bare.includes('@') ? bare : `${bare}@ratify`}>`;
}
