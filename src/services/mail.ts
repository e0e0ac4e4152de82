import crypto from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Config } from '../config';
import type { Repositories } from '../storage';
import type { OutboxMessage } from '../storage/schema';
import { type Clock, addMinutes, iso } from './clock';

export interface MailTransport {
  /** Sends one message; throws on failure. Returns 'captured' when the message was only kept for the dev mail page. */
  send(msg: OutboxMessage, from: string): Promise<'sent' | 'captured'>;
}

export function createTransport(config: Config): MailTransport {
  if (!config.smtp) {
    return {
      send: () => {
        if (config.production) return Promise.reject(new Error('SMTP_HOST is not configured'));
        // Development without SMTP: the message stays in the outbox and is readable at /dev/mail.
        return Promise.resolve('captured');
      },
    };
  }
  const smtp = config.smtp;
  const transporter = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.pass ?? '' } } : {}),
    // Local test servers and many self-hosted relays have no certificate for localhost.
    tls: { rejectUnauthorized: config.production },
  });
  return {
    async send(msg, from) {
      await transporter.sendMail({
        from,
        to: msg.to_address,
        subject: msg.subject,
        text: msg.text_body,
        html: msg.html_body,
        messageId: `<${msg.id}@hipback>`,
        ...(msg.attachments ? { attachments: JSON.parse(msg.attachments) as MailAttachment[] } : {}),
      });
      return 'sent';
    },
  };
}

/** A small text attachment, e.g. a calendar file (stored in the outbox as JSON). */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export interface MailInput {
  clinicId: string | null;
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: MailAttachment[];
}

/**
 * Mail goes through an outbox table: a request that sends mail only writes a
 * row (in the same database, so it survives a crash), and the worker sends it.
 */
export class MailService {
  constructor(
    private readonly repos: Repositories,
    private readonly transport: MailTransport,
    private readonly from: string,
    private readonly clock: Clock,
  ) {}

  async enqueue(input: MailInput): Promise<string> {
    const now = iso(this.clock.now());
    const id = crypto.randomUUID();
    await this.repos.outbox.insert({
      id,
      clinic_id: input.clinicId,
      to_address: input.to,
      subject: input.subject,
      text_body: input.text,
      html_body: input.html,
      status: 'pending',
      attempts: 0,
      last_error: null,
      created_at: now,
      next_attempt_at: now,
      sent_at: null,
      attachments: input.attachments?.length ? JSON.stringify(input.attachments) : null,
    });
    return id;
  }

  /** Sends what is due. Safe to run on several servers at once: each message is claimed before sending. */
  async processDue(limit = 20): Promise<number> {
    const now = this.clock.now();
    await this.repos.outbox.requeueStale(iso(addMinutes(now, -10)));
    const due = await this.repos.outbox.due(iso(now), limit);
    let sent = 0;
    for (const msg of due) {
      if (!(await this.repos.outbox.claim(msg.id, iso(now)))) continue;
      try {
        const result = await this.transport.send(msg, this.from);
        await this.repos.outbox.markSent(msg.id, iso(this.clock.now()), result);
        sent++;
      } catch (err) {
        const attempts = msg.attempts + 1;
        // Back off 1, 4, 16, 64 … minutes; give up after 8 attempts.
        const retryAt = attempts < 8 ? iso(addMinutes(this.clock.now(), 4 ** (attempts - 1))) : null;
        await this.repos.outbox.markFailed(msg.id, err instanceof Error ? err.message : String(err), retryAt);
      }
    }
    return sent;
  }
}

/** Runs the outbox every `intervalMs` until stopped. */
export function startMailWorker(
  mail: MailService,
  intervalMs = 1000,
  onError: (e: unknown) => void = () => {},
) {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    if (stopped) return;
    running = mail.processDue().catch(onError);
  }, intervalMs);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
