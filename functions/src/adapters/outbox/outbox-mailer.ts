import { appendFile } from 'node:fs/promises';
import { type Mailer, type MailMessage, mailRecipientsLimit } from '#functions/ports/mailer.ts';

/**
 * The local runtime's e-mail: every message is appended to a file, one JSON line each (time, recipients, subject,
 * text), so a developer sees what the cloud would send through SES. `npm start` puts it at `.local/outbox.jsonl`.
 */
export class OutboxMailer implements Mailer {
  private readonly file: string;
  private readonly now: () => Date;

  constructor(file: string, now: () => Date = () => new Date()) {
    this.file = file;
    this.now = now;
  }

  async send(message: MailMessage): Promise<void> {
    if (message.to.length === 0 || message.to.length > mailRecipientsLimit)
      throw new RangeError(`a message goes to 1 to ${mailRecipientsLimit} addresses, not ${message.to.length}`);
    const line = { at: this.now().toISOString(), to: message.to, subject: message.subject, text: message.text };
    await appendFile(this.file, `${JSON.stringify(line)}\n`, 'utf8');
  }
}
