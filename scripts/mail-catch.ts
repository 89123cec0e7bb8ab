/**
 * A local SMTP catcher for developers: `npm run mail:catch` (port MAIL_CATCH_PORT, default 1025, on 127.0.0.1).
 * Run Ratify with SMTP_URL=smtp://127.0.0.1:1025 (the default) and watch reminders arrive here;
 * each message is also written to ./var/mail/<time>.eml.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSmtpCatcher } from '../libs/delivery/src/testing/smtp-catcher.js';

const port = Number(process.env.MAIL_CATCH_PORT ?? 1025);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`MAIL_CATCH_PORT must be a port number, not ${JSON.stringify(process.env.MAIL_CATCH_PORT)}`);
  process.exit(1);
}
const dir = join('var', 'mail');
mkdirSync(dir, { recursive: true });

let count = 0;
const catcher = await startSmtpCatcher({
  port,
  host: '127.0.0.1',
  onMessage: (m) => {
    // Sortable, and unique even for two mails in the same millisecond.
    const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${String(++count).padStart(4, '0')}.eml`);
    writeFileSync(file, m.raw);
    console.log(
      [
        '',
        `— mail #${count}`,
        `From:    ${m.from || '<>'}`,
        `To:      ${m.to.join(', ')}`,
        `Subject: ${m.subject}`,
        '',
        m.text.trim(),
        '',
        `(saved as ${file})`,
      ].join('\n'),
    );
  },
});
console.log(`catching mail on smtp://127.0.0.1:${catcher.port} (Ctrl-C to stop)`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void catcher.close().then(() => process.exit(0));
  });
}
