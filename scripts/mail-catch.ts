/**
 * A local SMTP catcher for developers: `npm run mail:catch` (port MAIL_CATCH_PORT, default 1025).
 * Run Ratify with SMTP_URL=smtp://127.0.0.1:1025 (the default) and watch reminders arrive here;
 * each message is also written to ./var/mail/<time>.eml.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { startSmtpCatcher } from '../libs/delivery/src/testing/smtp-catcher.js';

const port = Number(process.env.MAIL_CATCH_PORT ?? 1025);
mkdirSync('var/mail', { recursive: true });
const catcher = await startSmtpCatcher({
  port,
  onMessage: (m) => {
    const file = `var/mail/${new Date().toISOString().replace(/[:.]/g, '-')}.eml`;
    writeFileSync(file, m.raw);
    console.log(`\n— mail to ${m.to.join(', ')} — ${m.subject}\n${m.text.trim()}\n(saved as ${file})`);
  },
});
console.log(`catching mail on smtp://127.0.0.1:${catcher.port} (Ctrl-C to stop)`);
