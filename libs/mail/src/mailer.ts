import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';

/** One message to one person. The text holds no personal data but the recipient's own name (messages.ts). */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface MailerOptions {
  /** smtp:// or smtps:// URL of the relay; unset: messages are written to `outbox` instead. */
  smtpUrl?: string;
  from: string;
  /** Folder for messages when there is no SMTP relay (the embedded default): DATA_DIR/outbox. */
  outbox: string;
  logger: Logger;
}

/** The relay must answer within this; a hung SMTP server fails the send, it does not hold a request (or a transaction) open. */
const SMTP_TIMEOUT_MS = 10_000;

/**
 * Sends email through SMTP (nodemailer) when SMTP_URL is set; otherwise writes each message as an
 * .eml file into the outbox folder and logs where, so the embedded demo works with no mail server.
 * Logs carry the message id and the file, never an address or the text.
 */
export class Mailer {
  private readonly transport: Transporter;
  private readonly outbox: string | null;

  constructor(private readonly options: MailerOptions) {
    if (options.smtpUrl) {
      this.transport = nodemailer.createTransport(options.smtpUrl, {
        connectionTimeout: SMTP_TIMEOUT_MS,
        greetingTimeout: SMTP_TIMEOUT_MS,
        socketTimeout: SMTP_TIMEOUT_MS,
      } as object);
      this.outbox = null;
    } else {
      this.transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
      this.outbox = resolve(options.outbox);
    }
  }

  /** Where messages go: `smtp` or the outbox folder's path. */
  get destination(): string {
    return this.outbox ?? 'smtp';
  }

  async send(message: MailMessage): Promise<void> {
    const info = await this.transport.sendMail({ from: this.options.from, to: message.to, subject: message.subject, text: message.text });
    if (!this.outbox) {
      this.options.logger.info({ messageId: info.messageId }, 'email sent');
      return;
    }
    await mkdir(this.outbox, { recursive: true, mode: 0o700 });
    const file = join(this.outbox, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID()}.eml`);
    await writeFile(file, (info as unknown as { message: Buffer }).message, { mode: 0o600 });
    this.options.logger.info({ messageId: info.messageId, file }, 'email written to the outbox (no SMTP_URL)');
  }

  close(): void {
    this.transport.close();
  }
}
