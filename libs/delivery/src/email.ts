import nodemailer, { type Transporter } from 'nodemailer';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable, from the delivery's idempotency key, so a resend (if one ever happens) is recognisably the same mail. */
  messageId?: string;
  headers?: Record<string, string>;
}

/** SMTP delivery through nodemailer. */
export class EmailSender {
  private readonly transport: Transporter;

  constructor(private readonly opts: { smtpUrl: string; from: string }) {
    this.transport = nodemailer.createTransport(opts.smtpUrl, {
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    } as never);
  }

  async send(mail: OutgoingEmail): Promise<{ messageId: string; accepted: string[] }> {
    const info = await this.transport.sendMail({
      from: this.opts.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      headers: mail.headers,
    });
    return { messageId: info.messageId, accepted: (info.accepted ?? []).map((a: string | { address: string }) => (typeof a === 'string' ? a : a.address)) };
  }

  async verify(): Promise<void> {
    await this.transport.verify();
  }

  close(): void {
    this.transport.close();
  }
}
