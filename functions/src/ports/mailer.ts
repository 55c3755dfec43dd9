/**
 * Sends e-mail (docs/domain/daily-work.md#e-mail). One message goes to at most `mailRecipientsLimit` addresses, all
 * blind-copied (recipients do not see each other); a caller with more splits them. A message that could not be
 * handed over throws MailerUnavailableError and nothing about it is assumed sent.
 */
export interface MailMessage {
  to: readonly string[];
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** SES takes 50 destinations per message. */
export const mailRecipientsLimit = 50;

export class MailerUnavailableError extends Error {}
