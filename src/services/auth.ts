import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Repositories } from '../storage';
import type { Clinic, Role, User } from '../storage/schema';
import { type Actor, requireRole } from './access';
import { type Clock, addMinutes, iso } from './clock';
import { AppError, badRequest, conflict, notFound } from './errors';
import type { MailService } from './mail';
import { inviteEmail, resetEmail } from './mail-templates';

export const SESSION_DAYS = 30;
const RESET_MINUTES = 60;
const INVITE_DAYS = 7;
/** Failed logins allowed before the account (or unknown address) is locked for a while. */
const FREE_FAILURES = 5;
const MAX_LOCK_MINUTES = 60;

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

const ARGON2 = {
  algorithm: 2 /* Algorithm.Argon2id (a const enum, so spelled out) */,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};

export const hashPassword = (password: string) => hash(password, ARGON2);

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const newToken = () => crypto.randomBytes(32).toString('base64url');
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

function checkPassword(password: string, path = 'password') {
  if (password.length < PASSWORD_MIN)
    throw badRequest('weak_password', `Choose a password of at least ${PASSWORD_MIN} characters.`, path);
  if (password.length > PASSWORD_MAX)
    throw badRequest('weak_password', `Passwords can be at most ${PASSWORD_MAX} characters.`, path);
}

export interface PublicUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  clinicId: string;
  clinicianId: string | null;
  timezone: string;
}

export const toPublicUser = (u: User): PublicUser => ({
  id: u.id,
  email: u.email,
  displayName: u.display_name,
  role: u.role,
  clinicId: u.clinic_id,
  clinicianId: u.clinician_id,
  timezone: u.timezone,
});

export class AuthService {
  /** A real hash to verify against when the address is unknown, so both paths take the same time. */
  private dummyHash: Promise<string> | null = null;

  constructor(
    private readonly repos: Repositories,
    private readonly mail: MailService,
    private readonly clock: Clock,
    private readonly publicUrl: string,
  ) {}

  private async createSession(user: User, userAgent: string): Promise<{ token: string; expiresAt: string }> {
    const token = newToken();
    const now = this.clock.now();
    const expiresAt = iso(addMinutes(now, SESSION_DAYS * 24 * 60));
    await this.repos.sessions.insert({
      id: sha256(token),
      userId: user.id,
      createdAt: iso(now),
      expiresAt,
      userAgent,
    });
    return { token, expiresAt };
  }

  /** Resolves a session cookie to its user; slides the expiry at most once an hour. */
  async actorFromSession(token: string | undefined): Promise<Actor> {
    if (!token || token.length > 100) return { kind: 'anonymous' };
    const id = sha256(token);
    const now = this.clock.now();
    const found = await this.repos.sessions.findUser(id, iso(now));
    if (!found) return { kind: 'anonymous' };
    if (now.getTime() - Date.parse(found.lastSeenAt) > 60 * 60_000) {
      await this.repos.sessions.touch(id, iso(now), iso(addMinutes(now, SESSION_DAYS * 24 * 60)));
    }
    return { kind: 'user', user: found.user };
  }

  async signUpPatient(
    clinic: Clinic,
    input: { email: string; password: string; displayName: string; timezone?: string | undefined },
    userAgent: string,
  ) {
    const email = normaliseEmail(input.email);
    checkPassword(input.password);
    if (await this.repos.users.findByEmail(email)) {
      // Sign-up has to say the address is taken; the rate limit keeps this from being used to list accounts.
      throw conflict(
        'email_in_use',
        'An account with this email address already exists. Try logging in instead.',
        'email',
      );
    }
    const user: User = {
      id: crypto.randomUUID(),
      clinic_id: clinic.id,
      email,
      display_name: input.displayName.trim(),
      role: 'patient',
      password_hash: await hashPassword(input.password),
      clinician_id: null,
      timezone: input.timezone ?? clinic.timezone,
      created_at: iso(this.clock.now()),
      deactivated_at: null,
    };
    try {
      await this.repos.users.insert(user);
    } catch (err) {
      if (await this.repos.users.findByEmail(email)) {
        throw conflict(
          'email_in_use',
          'An account with this email address already exists. Try logging in instead.',
          'email',
        );
      }
      throw err;
    }
    await this.repos.audit.append({
      clinicId: clinic.id,
      actorId: user.id,
      action: 'account.signup',
      subjectType: 'user',
      subjectId: user.id,
      at: user.created_at,
    });
    return { user, session: await this.createSession(user, userAgent) };
  }

  async login(input: { email: string; password: string }, userAgent: string) {
    const email = normaliseEmail(input.email);
    const key = sha256(`login:${email}`);
    const now = this.clock.now();
    const throttle = await this.repos.throttle.find(key);
    if (throttle?.locked_until && throttle.locked_until > iso(now)) {
      const seconds = Math.ceil((Date.parse(throttle.locked_until) - now.getTime()) / 1000);
      throw new AppError(
        429,
        'too_many_attempts',
        `Too many attempts. Please wait ${Math.ceil(seconds / 60)} minute(s) and try again, or reset your password.`,
        null,
        { 'retry-after': String(seconds) },
      );
    }
    const user = await this.repos.users.findByEmail(email);
    this.dummyHash ??= hashPassword(crypto.randomBytes(16).toString('hex'));
    const ok = await verify(
      user?.password_hash ?? (await this.dummyHash),
      input.password.slice(0, PASSWORD_MAX + 1),
    );
    if (!user || !ok || user.deactivated_at) {
      const failures = (throttle?.failures ?? 0) + 1;
      const lockMinutes =
        failures > FREE_FAILURES ? Math.min(MAX_LOCK_MINUTES, 2 ** (failures - FREE_FAILURES - 1)) : 0;
      await this.repos.throttle.save(
        key,
        failures,
        lockMinutes ? iso(addMinutes(now, lockMinutes)) : null,
        iso(now),
      );
      // The same answer whether the address exists or not.
      throw new AppError(401, 'invalid_credentials', 'That email and password do not match an account.');
    }
    if (throttle) await this.repos.throttle.clear(key);
    return { user, session: await this.createSession(user, userAgent) };
  }

  async logout(token: string | undefined): Promise<void> {
    if (token) await this.repos.sessions.delete(sha256(token));
  }

  /** Always succeeds from the caller's point of view, so it cannot reveal whether an account exists. */
  async requestPasswordReset(emailInput: string): Promise<void> {
    const email = normaliseEmail(emailInput);
    const user = await this.repos.users.findByEmail(email);
    if (!user || user.deactivated_at) return;
    const clinic = await this.repos.clinics.findById(user.clinic_id);
    const token = newToken();
    const now = this.clock.now();
    await this.repos.tokens.insert({
      id: sha256(token),
      kind: 'passwordReset',
      clinic_id: user.clinic_id,
      email,
      user_id: user.id,
      role: null,
      created_by: null,
      clinician_id: null,
      display_name: null,
      created_at: iso(now),
      expires_at: iso(addMinutes(now, RESET_MINUTES)),
      used_at: null,
    });
    const link = `${this.publicUrl}/reset?token=${encodeURIComponent(token)}`;
    await this.mail.enqueue({
      clinicId: user.clinic_id,
      to: email,
      ...resetEmail({
        name: user.display_name,
        clinicName: clinic?.name ?? 'hipback',
        link,
        minutes: RESET_MINUTES,
      }),
    });
  }

  async resetPassword(input: { token: string; password: string }) {
    checkPassword(input.password);
    const id = sha256(input.token);
    const now = iso(this.clock.now());
    const token = await this.repos.tokens.findLive(id, 'passwordReset', now);
    if (!token?.user_id || !(await this.repos.tokens.consume(id, now))) {
      throw new AppError(
        410,
        'link_expired',
        'This reset link has expired or was already used. Ask for a new one.',
        'token',
      );
    }
    await this.repos.users.update(token.user_id, { password_hash: await hashPassword(input.password) });
    // A new password ends every existing session.
    await this.repos.sessions.deleteForUser(token.user_id);
    await this.repos.throttle.clear(sha256(`login:${token.email}`));
    await this.repos.audit.append({
      clinicId: token.clinic_id,
      actorId: token.user_id,
      action: 'account.passwordReset',
      subjectType: 'user',
      subjectId: token.user_id,
      at: now,
    });
  }

  /**
   * Clinicians invite patients; clinic admins invite clinicians and admins.
   * The link is single-use and expires after a week.
   */
  async invite(actor: Actor, input: { email: string; role: Role; displayName?: string | undefined }) {
    const inviter = requireRole(actor, 'clinician', 'admin');
    if (input.role === 'patient' && inviter.role !== 'clinician' && inviter.role !== 'admin') {
      throw new AppError(403, 'forbidden', 'Only clinicians can invite patients.');
    }
    if ((input.role === 'clinician' || input.role === 'admin') && inviter.role !== 'admin') {
      throw new AppError(403, 'forbidden', 'Only a clinic admin can invite staff.', 'role');
    }
    const email = normaliseEmail(input.email);
    if (await this.repos.users.findByEmail(email)) {
      throw conflict('email_in_use', 'Someone already has an account with this email address.', 'email');
    }
    const clinic = await this.repos.clinics.findById(inviter.clinic_id);
    if (!clinic) throw notFound('Your clinic');
    const token = newToken();
    const now = this.clock.now();
    const expiresAt = iso(addMinutes(now, INVITE_DAYS * 24 * 60));
    await this.repos.tokens.insert({
      id: sha256(token),
      kind: 'invite',
      clinic_id: clinic.id,
      email,
      user_id: null,
      role: input.role,
      created_by: inviter.id,
      clinician_id: input.role === 'patient' && inviter.role === 'clinician' ? inviter.id : null,
      display_name: input.displayName?.trim() || null,
      created_at: iso(now),
      expires_at: expiresAt,
      used_at: null,
    });
    const link = `${this.publicUrl}/invite?token=${encodeURIComponent(token)}`;
    await this.mail.enqueue({
      clinicId: clinic.id,
      to: email,
      ...inviteEmail({
        inviterName: inviter.display_name,
        clinicName: clinic.name,
        role: input.role,
        link,
        days: INVITE_DAYS,
      }),
    });
    await this.repos.audit.append({
      clinicId: clinic.id,
      actorId: inviter.id,
      action: 'invite.create',
      subjectType: 'invite',
      subjectId: null,
      detail: { role: input.role },
      at: iso(now),
    });
    return { email, role: input.role, expiresAt };
  }

  /** What an invite link is for, so the acceptance page can greet the person. */
  async describeInvite(tokenValue: string) {
    const token = await this.repos.tokens.findLive(sha256(tokenValue), 'invite', iso(this.clock.now()));
    if (!token)
      throw new AppError(410, 'link_expired', 'This invitation has expired or was already used.', 'token');
    const clinic = await this.repos.clinics.findById(token.clinic_id);
    const inviter = token.created_by ? await this.repos.users.findById(token.created_by) : undefined;
    return {
      email: token.email,
      role: token.role ?? 'patient',
      displayName: token.display_name,
      clinicName: clinic?.name ?? '',
      inviterName: inviter?.display_name ?? null,
      expiresAt: token.expires_at,
    };
  }

  async acceptInvite(
    input: { token: string; displayName: string; password: string; timezone?: string | undefined },
    userAgent: string,
  ) {
    checkPassword(input.password);
    const id = sha256(input.token);
    const now = iso(this.clock.now());
    const token = await this.repos.tokens.findLive(id, 'invite', now);
    if (!token || !(await this.repos.tokens.consume(id, now))) {
      throw new AppError(410, 'link_expired', 'This invitation has expired or was already used.', 'token');
    }
    if (await this.repos.users.findByEmail(token.email)) {
      throw conflict(
        'email_in_use',
        'An account with this email address already exists. Try logging in instead.',
      );
    }
    const clinic = await this.repos.clinics.findById(token.clinic_id);
    const user: User = {
      id: crypto.randomUUID(),
      clinic_id: token.clinic_id,
      email: token.email,
      display_name: input.displayName.trim(),
      role: token.role ?? 'patient',
      password_hash: await hashPassword(input.password),
      clinician_id: token.clinician_id,
      timezone: input.timezone ?? clinic?.timezone ?? 'UTC',
      created_at: now,
      deactivated_at: null,
    };
    await this.repos.users.insert(user);
    await this.repos.audit.append({
      clinicId: user.clinic_id,
      actorId: user.id,
      action: 'invite.accept',
      subjectType: 'user',
      subjectId: user.id,
      detail: { role: user.role },
      at: now,
    });
    return { user, session: await this.createSession(user, userAgent) };
  }
}
