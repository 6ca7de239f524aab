import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  subject: string;
  /** The body, decoded from quoted-printable. */
  text: string;
}

export interface TestSmtp {
  /** SMTP_URL for the app. */
  url: string;
  received: ReceivedMail[];
  /** Waits for the next message addressed to `to` that arrived after `since` messages. */
  next(to: string, since?: number): Promise<ReceivedMail>;
  /** Stops accepting connections (the relay "goes down"); `start` brings it back on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

const decodeQuotedPrintable = (s: string) => s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));

function parse(raw: string, to: string[]): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const subject = /^Subject: (.*)$/im.exec(head)?.[1] ?? '';
  const qp = /^Content-Transfer-Encoding: quoted-printable/im.test(head);
  return { to, subject, text: (qp ? decodeQuotedPrintable(body) : body).replace(/\r\n/g, '\n') };
}

/** A real SMTP server in the test process (the `smtp-server` package): no TLS, no auth, every message kept. */
export async function startTestSmtp(): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  let port = 0;
  let server: SMTPServer;
  const start = () =>
    new Promise<void>((resolve) => {
      server = new SMTPServer({
        disabledCommands: ['STARTTLS', 'AUTH'],
        logger: false,
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            received.push(
              parse(
                Buffer.concat(chunks).toString('utf8'),
                session.envelope.rcptTo.map((r) => r.address),
              ),
            );
            callback();
          });
        },
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server.server.address() as AddressInfo).port;
        resolve();
      });
    });
  await start();
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    async next(to, since = 0) {
      for (let i = 0; i < 200; i++) {
        const found = received.slice(since).find((m) => m.to.includes(to));
        if (found) return found;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`no email to ${to}`);
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    start,
  };
}

/** The one-time token of the account link in a message. */
export const linkToken = (mail: ReceivedMail): string => /#(?:invitation|reset)=([A-Za-z0-9_-]{43})/.exec(mail.text)![1];
