/**
 * Table shapes, shared by the SQLite and PostgreSQL databases.
 *
 * To keep one schema for both, columns use portable types only:
 * ids are UUID text, timestamps are ISO-8601 UTC text (`2026-11-28T05:30:00.000Z`,
 * which sorts correctly as text), booleans are integers 0/1, and structured
 * values are JSON text.
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export type Role = 'patient' | 'clinician' | 'admin';

export interface ClinicTable {
  id: string;
  slug: string;
  name: string;
  tagline: string;
  primary_color: string;
  accent_color: string;
  logo_svg: string | null;
  timezone: string;
  contact_email: string;
  contact_phone: string;
  address: string;
  created_at: string;
}

export interface UserTable {
  id: string;
  clinic_id: string;
  email: string;
  display_name: string;
  role: Role;
  password_hash: string;
  /** For patients: the clinician who looks after them. */
  clinician_id: string | null;
  timezone: string;
  created_at: string;
  deactivated_at: string | null;
}

export interface SessionTable {
  /** SHA-256 of the cookie token; the token itself is never stored. */
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  user_agent: string;
}

export type TokenKind = 'passwordReset' | 'invite';

export interface TokenTable {
  /** SHA-256 of the emailed token. */
  id: string;
  kind: TokenKind;
  clinic_id: string;
  email: string;
  /** Existing user (password reset) or null (invite). */
  user_id: string | null;
  /** Role the invite creates. */
  role: Role | null;
  /** Who sent the invite. */
  created_by: string | null;
  /** For patient invites: the inviting clinician. */
  clinician_id: string | null;
  display_name: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'captured';

export interface OutboxTable {
  id: string;
  clinic_id: string | null;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  status: OutboxStatus;
  attempts: number;
  last_error: string | null;
  created_at: string;
  next_attempt_at: string;
  sent_at: string | null;
}

export interface LoginThrottleTable {
  /** SHA-256 of the normalised e-mail address (so no address is stored for unknown accounts). */
  key: string;
  failures: number;
  locked_until: string | null;
  updated_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  clinic_id: string;
  actor_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  detail: string;
  at: string;
}

export interface IntakeTable {
  id: string;
  clinic_id: string;
  patient_id: string;
  /** The self-check answers as JSON. */
  answers: string;
  triage_level: string;
  /** The triage and plan they produced, as JSON. */
  result: string;
  engine_version: string;
  created_at: string;
}

export interface Database {
  clinics: ClinicTable;
  users: UserTable;
  sessions: SessionTable;
  tokens: TokenTable;
  outbox: OutboxTable;
  login_throttle: LoginThrottleTable;
  audit_log: AuditLogTable;
  intakes: IntakeTable;
}

export type Clinic = Selectable<ClinicTable>;
export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type Token = Selectable<TokenTable>;
export type OutboxMessage = Selectable<OutboxTable>;
export type Intake = Selectable<IntakeTable>;
