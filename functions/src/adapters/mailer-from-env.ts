import { OutboxMailer } from '#functions/adapters/outbox/outbox-mailer.ts';
import { SesMailer } from '#functions/adapters/ses/ses-mailer.ts';
import type { Mailer } from '#functions/ports/mailer.ts';

/**
 * Which mailer a Lambda uses: the local outbox file when `MAIL_OUTBOX_FILE` is set (the local runtime), else SES from
 * `MAIL_FROM` in the function's region; with neither, none — notifications stay in the app and the mail job says so.
 */
export const mailerFromEnv = (env: NodeJS.ProcessEnv = process.env): Mailer | undefined => {
  if (env.MAIL_OUTBOX_FILE) return new OutboxMailer(env.MAIL_OUTBOX_FILE);
  if (env.MAIL_FROM && env.AWS_REGION) return new SesMailer(env.MAIL_FROM, env.AWS_REGION, env.SES_ENDPOINT);
  return undefined;
};
