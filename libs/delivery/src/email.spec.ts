import { afterEach, describe, expect, it } from '@jest/globals';
import { connect } from 'node:net';
import { EmailSender } from './email.js';
import { renderReminder, type ReminderMessage } from './templates.js';
import { startSmtpCatcher, type SmtpCatcher } from './testing/smtp-catcher.js';

const message: ReminderMessage = {
  subject: { type: 'decision', id: 'd1', reference: 'LOP&S - 2021035', title: 'Staffing <temporary> & agency', link: 'http://localhost:3000/decisions/d1' },
  lead: 'Reminder',
  why: 'Your sign-off is still awaited on this decision.',
  recipientName: 'HR Officer',
  actionAsked: 'Sign off for HR',
  deadline: '2020-11-25T17:00:00.000Z',
  links: [
    { label: 'Open the decision', url: 'http://localhost:3000/decisions/d1' },
    { label: 'Sign off now', url: 'http://localhost:3000/api/one-click/def?a=1&b=2' },
  ],
};

describe('EmailSender against a real SMTP server (the catcher)', () => {
  const opened: { close(): unknown }[] = [];
  afterEach(async () => {
    for (const thing of opened.splice(0).reverse()) await thing.close();
  });
  const catcher = async (opts: Parameters<typeof startSmtpCatcher>[0] = {}) => {
    const c = await startSmtpCatcher({ port: 0, ...opts });
    opened.push(c);
    return c;
  };
  const sender = (c: Pick<SmtpCatcher, 'port'>) => {
    const s = new EmailSender({ smtpUrl: `smtp://127.0.0.1:${c.port}`, from: 'Ratify <ratify@ratify.local>' });
    opened.push(s);
    return s;
  };

  it('delivers recipient, subject, Message-ID, text and HTML', async () => {
    const c = await catcher();
    const rendered = renderReminder(message);
    const result = await sender(c).send({ to: 'u-hr@ratify.local', ...rendered, messageId: '<key-1@ratify.local>' });
    expect(result).toEqual({ messageId: '<key-1@ratify.local>', accepted: ['u-hr@ratify.local'] });
    expect(c.messages).toHaveLength(1);
    const [mail] = c.messages;
    expect(mail).toMatchObject({ from: 'ratify@ratify.local', to: ['u-hr@ratify.local'], subject: rendered.subject, messageId: '<key-1@ratify.local>' });
    // Non-ASCII subject ("—") survives the RFC 2047 round trip; the bodies survive transfer encoding.
    expect(mail!.subject).toBe('Reminder: Sign off for HR — LOP&S - 2021035');
    expect(mail!.text.replace(/\r\n/g, '\n')).toBe(rendered.text);
    expect(mail!.html?.replace(/\r\n/g, '\n')).toBe(rendered.html);
    expect(mail!.text).toContain('Wednesday 25 November 2020, 17:00');
    expect(mail!.html).toContain('Staffing &lt;temporary&gt; &amp; agency');
    expect(mail!.html).toContain('href="http://localhost:3000/api/one-click/def?a=1&amp;b=2"');
    expect(mail!.raw).toMatch(/multipart\/alternative/);
  });

  it('brackets a bare messageId and passes extra headers through', async () => {
    const c = await catcher();
    const result = await sender(c).send({ to: 'a@ratify.local', subject: 's', text: 't', html: '<p>t</p>', messageId: 'abc123', headers: { 'X-Ratify-Delivery': 'n-1' } });
    expect(result.messageId).toBe('<abc123@ratify>');
    expect(c.messages[0]!.messageId).toBe('<abc123@ratify>');
    expect(c.messages[0]!.raw).toMatch(/^X-Ratify-Delivery: n-1\r$/m);
  });

  it('sends the same Message-ID each time it is given the same key', async () => {
    const c = await catcher();
    const s = sender(c);
    const mail = { to: 'a@ratify.local', subject: 's', text: 't', html: '<p>t</p>', messageId: '<same@ratify>' };
    await s.send(mail);
    await s.send(mail);
    expect(c.messages.map((m) => m.messageId)).toEqual(['<same@ratify>', '<same@ratify>']);
  });

  it('verifies a live server and rejects when nothing listens', async () => {
    const c = await catcher();
    await expect(sender(c).verify()).resolves.toBeUndefined();
    const gone = await startSmtpCatcher();
    await gone.close();
    const s = sender(gone);
    await expect(s.verify()).rejects.toThrow();
    await expect(s.send({ to: 'a@ratify.local', subject: 's', text: 't', html: 'h' })).rejects.toThrow(/ECONNREFUSED|connect/i);
  });

  it('waits for a slow server (delayMs) and then delivers', async () => {
    const c = await catcher({ delayMs: 300 });
    const started = Date.now();
    await sender(c).send({ to: 'a@ratify.local', subject: 'slow', text: 't', html: 'h' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(c.messages.map((m) => m.subject)).toEqual(['slow']);
  });
});

/** A hand-driven SMTP client: enough to misbehave on purpose and to send what nodemailer would not. */
async function smtpClient(port: number) {
  const socket = connect(port, '127.0.0.1');
  socket.setEncoding('utf8');
  let transcript = '';
  let waiting: { pattern: RegExp; resolve: () => void } | null = null;
  socket.on('data', (d: string) => {
    transcript += d;
    if (waiting && waiting.pattern.test(transcript)) {
      transcript = '';
      const { resolve } = waiting;
      waiting = null;
      resolve();
    }
  });
  const reply = (code: number) =>
    new Promise<void>((resolve) => {
      waiting = { pattern: new RegExp(`(^|\\n)${code} [^\\n]*\\n$`), resolve };
      socket.emit('data', '');
    });
  const say = async (line: string, code: number) => {
    const done = reply(code);
    socket.write(`${line}\r\n`);
    await done;
  };
  await reply(220);
  await say('EHLO test', 250);
  return { socket, say };
}

describe('the SMTP catcher', () => {
  let catcher: SmtpCatcher | undefined;
  let client: Awaited<ReturnType<typeof smtpClient>> | undefined;
  afterEach(async () => {
    client?.socket.destroy();
    await catcher?.close();
    catcher = client = undefined;
  });

  it('does not count a held message whose client went away before "250 OK"', async () => {
    catcher = await startSmtpCatcher({ delayMs: 300 });
    client = await smtpClient(catcher.port);
    await client.say('MAIL FROM:<a@ratify.local>', 250);
    await client.say('RCPT TO:<b@ratify.local>', 250);
    await client.say('DATA', 354);
    client.socket.write('Subject: vanishing\r\n\r\nhello\r\n.\r\n');
    client.socket.destroy();
    await new Promise((r) => setTimeout(r, 600));
    expect(catcher.messages).toHaveLength(0);
  });

  it('parses a single-part mail: null sender, several recipients, base64 body, encoded-word subject', async () => {
    catcher = await startSmtpCatcher();
    client = await smtpClient(catcher.port);
    await client.say('MAIL FROM:<>', 250);
    await client.say('RCPT TO:<x@ratify.local>', 250);
    await client.say('RCPT TO:<y@ratify.local>', 250);
    await client.say('DATA', 354);
    const body = Buffer.from('Grüße aus Oldham\n').toString('base64');
    const data = [
      'Subject: =?UTF-8?B?R3LDvMOfZQ==?= =?UTF-8?Q?_aus_Oldham?=',
      'Message-ID: <m1@test>',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      body,
      '.',
    ];
    await client.say(data.join('\r\n'), 250);
    expect(catcher.messages).toEqual([
      expect.objectContaining({ from: '', to: ['x@ratify.local', 'y@ratify.local'], subject: 'Grüße aus Oldham', messageId: '<m1@test>', text: 'Grüße aus Oldham\n', html: null }),
    ]);
  });
});
