import type { MailMessage } from './mailer.js';

/**
 * Every email the service sends. No personal data beyond the recipient's own name: no other
 * person, no record, nothing about why; a link to act on, which carries a one-time token (in the
 * URL's fragment, so it never reaches a server log).
 */
export const MESSAGES = {
  invitation: (to: { email: string; displayName: string }, link: string, hours: number): MailMessage => ({
    to: to.email,
    subject: 'You have been invited to Safer Libraries',
    text: [
      `Hello ${to.displayName},`,
      '',
      'You have been given an account on Safer Libraries, the partnership and referral system of your library service.',
      'Choose your password here:',
      '',
      link,
      '',
      `The link works once and expires in ${hours} hours. If you were not expecting this, you can ignore this email.`,
    ].join('\n'),
  }),
  passwordReset: (to: { email: string; displayName: string }, link: string, minutes: number): MailMessage => ({
    to: to.email,
    subject: 'Reset your Safer Libraries password',
    text: [
      `Hello ${to.displayName},`,
      '',
      'Someone asked to reset the password of your Safer Libraries account. Choose a new password here:',
      '',
      link,
      '',
      `The link works once and expires in ${minutes} minutes. If you did not ask, ignore this email: your password stays as it is.`,
    ].join('\n'),
  }),
};
