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
  /** Unused and never served: an SVG from our origin could carry script (cleared by 0011_clinic_logo). */
  logo_svg: string | null;
  /** The logo's version (a hash of its bytes), or null when the clinic has none (0011_clinic_logo). */
  logo_version: string | null;
  /** The logo's size in pixels, so pages reserve its space; null without a logo. */
  logo_width: number | null;
  logo_height: number | null;
  timezone: string;
  contact_email: string;
  contact_phone: string;
  address: string;
  created_at: string;
}

/** A clinic's logo: PNG or JPEG bytes, base64 text (portable), checked by src/documents/images.ts. */
export interface ClinicLogoTable {
  clinic_id: string;
  mime: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
  byte_size: number;
  /** Hex SHA-256 of the bytes: the logo's version and ETag. */
  sha256: string;
  data_base64: string;
  updated_by: string | null;
  updated_at: string;
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
  /** Attachments as JSON text (see MailAttachment in services/mail.ts); null when none. Added by 0003_booking. */
  attachments: string | null;
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

export interface PlanVersionTable {
  id: string;
  clinic_id: string;
  patient_id: string;
  version: number;
  /** The Plan (src/core/plan/types.ts) as JSON. */
  plan: string;
  /** Who or what made this version: intake, clinician, progression. */
  source: string;
  reason: string;
  created_by: string | null;
  created_at: string;
  /** The progression engine's PlanState (JSON), or null to derive it from the plan. */
  state: string | null;
  /** PlanChange[] that made this version (JSON), when the engine made it. */
  changes: string | null;
}

export type SessionKind = 'strength' | 'stretch' | 'movementBreak';
export type SessionStatus = 'inProgress' | 'completed' | 'abandoned';

export interface SessionLogTable {
  id: string;
  clinic_id: string;
  patient_id: string;
  /** Made by the client (a UUID): makes retries and offline sync idempotent. */
  client_id: string;
  /** The patient's local calendar day, YYYY-MM-DD. */
  date: string;
  kind: SessionKind;
  plan_version: number | null;
  status: SessionStatus;
  /** Where the player is (JSON), so a reload resumes. */
  progress: string;
  /** Per-exercise results (JSON). */
  items: string;
  pain_during: number | null;
  effort: number | null;
  started_at: string;
  updated_at: string;
  completed_at: string | null;
}

export interface CheckinTable {
  id: string;
  clinic_id: string;
  patient_id: string;
  client_id: string;
  date: string;
  pain_now: number;
  stiffness: number | null;
  sleep: string | null;
  warning_signs: string;
  triage_level: string;
  triage: string;
  created_at: string;
}

export interface ActivityLogTable {
  id: string;
  clinic_id: string;
  patient_id: string;
  client_id: string;
  date: string;
  kind: string;
  minutes: number;
  effort: number | null;
  created_at: string;
}

export interface MovementBreakTable {
  id: string;
  clinic_id: string;
  patient_id: string;
  client_id: string;
  date: string;
  exercise: string | null;
  created_at: string;
}

export type FlagStatus = 'open' | 'acknowledged' | 'resolved';

export interface FlagTable {
  id: string;
  clinic_id: string;
  patient_id: string;
  kind: string;
  action: string;
  severity: string;
  status: FlagStatus;
  summary: string;
  patient_message: string;
  since: string;
  rule_id: string;
  source: string;
  triage_level: string | null;
  open_key: string | null;
  created_at: string;
  updated_at: string;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  resolved_by: string | null;
  resolved_at: string | null;
  resolution_note: string | null;
}

export interface FlagEventTable {
  id: string;
  flag_id: string;
  actor_id: string | null;
  action: string;
  note: string | null;
  at: string;
}

export interface ProgressionRunTable {
  patient_id: string;
  run_key: string;
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
  plan_versions: PlanVersionTable;
  session_logs: SessionLogTable;
  checkins: CheckinTable;
  activity_logs: ActivityLogTable;
  movement_breaks: MovementBreakTable;
  flags: FlagTable;
  flag_events: FlagEventTable;
  progression_runs: ProgressionRunTable;
  // Free consultations (0003_booking)
  consultation_types: ConsultationTypeTable;
  availability: AvailabilityTable;
  consultation_requests: ConsultationRequestTable;
  bookings: BookingTable;
  booking_holds: BookingHoldTable;
  // The physical therapist's portal (0006_portal)
  clinical_notes: ClinicalNoteTable;
  clinic_templates: ClinicTemplateTable;
  // Reminders the patient controls (0007_reminders)
  reminder_settings: ReminderSettingsTable;
  push_subscriptions: PushSubscriptionTable;
  reminders: ReminderTable;
  reminder_push_outcomes: ReminderPushOutcomeTable;
  app_secrets: AppSecretTable;
  // The patient list's per-patient figures (0009_patient_summary)
  patient_summaries: PatientSummaryTable;
  // Clinic control over the adaptive plan (0008_plan_review)
  clinic_thresholds: ClinicThresholdsTable;
  plan_change_reviews: PlanChangeReviewTable;
  plan_suggestions: PlanSuggestionTable;
  // Functional activities over time (0010_functional)
  functional_ratings: FunctionalRatingTable;
  // The clinic's raster logo (0011_clinic_logo)
  clinic_logos: ClinicLogoTable;
}

export type Clinic = Selectable<ClinicTable>;
export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type Token = Selectable<TokenTable>;
export type OutboxMessage = Selectable<OutboxTable>;
export type Intake = Selectable<IntakeTable>;
export type PlanVersion = Selectable<PlanVersionTable>;
export type SessionLog = Selectable<SessionLogTable>;
export type Checkin = Selectable<CheckinTable>;
export type ActivityLog = Selectable<ActivityLogTable>;
export type MovementBreak = Selectable<MovementBreakTable>;

// ---------------------------------------------------------------------------
// Free consultations (0003_booking)

export interface ConsultationTypeTable {
  id: string;
  clinic_id: string;
  /** e.g. "discovery-visit", "phone-call" */
  slug: string;
  name: string;
  description: string;
  /** A multiple of 15. */
  duration_minutes: number;
  mode: 'inClinic' | 'phone' | 'video';
  sort_order: number;
  active: number;
}

export interface AvailabilityTable {
  id: string;
  clinic_id: string;
  clinician_id: string;
  /** 0 = Sunday … 6 = Saturday, in the clinic's time zone. */
  weekday: number;
  /** HH:MM local wall time on the 15-minute grid. */
  start_time: string;
  end_time: string;
  /** JSON array of consultation type slugs offered in this window. */
  type_slugs: string;
  created_at: string;
}

export type ConsultationRequestStatus = 'new' | 'contacted' | 'booked' | 'converted' | 'closed';
export type ContactPreference = 'email' | 'phone' | 'text';

/** One inbox entry per person asking for a consultation; follows their booking through reschedules. */
export interface ConsultationRequestTable {
  id: string;
  clinic_id: string;
  /** The clinician the booking is with; null for unassigned requests. */
  clinician_id: string | null;
  /** The current booking (null when none). */
  booking_id: string | null;
  name: string;
  email: string;
  phone: string;
  reason: string;
  contact_preference: ContactPreference;
  status: ConsultationRequestStatus;
  /** Staff notes. */
  notes: string;
  created_at: string;
  updated_at: string;
}

export type BookingStatus = 'booked' | 'cancelled' | 'rescheduled';

export interface BookingTable {
  id: string;
  clinic_id: string;
  clinician_id: string;
  request_id: string;
  type_slug: string;
  /** ISO UTC */
  starts_at: string;
  ends_at: string;
  status: BookingStatus;
  name: string;
  email: string;
  phone: string;
  reason: string;
  contact_preference: ContactPreference;
  /** When the person ticked the consent box, and which version of the text they saw. */
  consent_at: string;
  consent_version: string;
  /** SHA-256 of the emailed manage token; moves to the new booking on reschedule. */
  manage_token_hash: string | null;
  /** iCalendar SEQUENCE: goes up with each reschedule. */
  sequence: number;
  /** For status "rescheduled": the booking that replaced this one. */
  rescheduled_to: string | null;
  reminder_sent_at: string | null;
  created_at: string;
  updated_at: string;
}

/** One row per clinician and 15-minute cell a booking covers: the database refuses overlaps. */
export interface BookingHoldTable {
  clinician_id: string;
  cell_start: string;
  booking_id: string;
}

export type ConsultationType = Selectable<ConsultationTypeTable>;
export type Availability = Selectable<AvailabilityTable>;
export type ConsultationRequest = Selectable<ConsultationRequestTable>;
export type Booking = Selectable<BookingTable>;
export type Flag = Selectable<FlagTable>;

// ---------------------------------------------------------------------------
// The physical therapist's portal (0006_portal)

/** Private clinical notes: clinic staff only, never shown to the patient. */
export interface ClinicalNoteTable {
  id: string;
  clinic_id: string;
  patient_id: string;
  author_id: string;
  text: string;
  created_at: string;
}

/** A clinic's reusable plan: the plan items (PlanItem[] as JSON). */
export interface ClinicTemplateTable {
  id: string;
  clinic_id: string;
  name: string;
  description: string;
  items: string;
  created_by: string | null;
  created_at: string;
}

export type ClinicalNote = Selectable<ClinicalNoteTable>;
export type ClinicTemplate = Selectable<ClinicTemplateTable>;

// ---------------------------------------------------------------------------
// The patient list's per-patient figures (0009_patient_summary)

/** Maintained by src/storage/repositories/patient-summary.ts; `changes` is bumped by triggers. */
export interface PatientSummaryTable {
  patient_id: string;
  clinic_id: string;
  changes: Generated<number>;
  computed_changes: Generated<number>;
  as_of: Generated<string>;
  last_active_on: string | null;
  adherence_7d: number | null;
  pain_recent: number | null;
  pain_prior: number | null;
  pain_delta: number | null;
  pain_trend: string | null;
  open_flags: Generated<number>;
  flag_rank: number | null;
  has_plan: Generated<number>;
  name_key: Generated<string>;
  email_key: Generated<string>;
  clinician_id: string | null;
  sort_flags: Generated<number>;
  sort_adherence: Generated<number>;
  sort_pain: Generated<number>;
  sort_last: Generated<string>;
  refreshed_at: string | null;
}

// ---------------------------------------------------------------------------
// Clinic control over the adaptive plan (0008_plan_review)

/** A clinic's threshold overrides (JSON of the changed values only). */
export interface ClinicThresholdsTable {
  clinic_id: string;
  overrides: string;
  updated_by: string | null;
  updated_at: string;
}

/** A PT's approve or undo of one automatic change (one item of one plan version). */
export interface PlanChangeReviewTable {
  id: string;
  clinic_id: string;
  patient_id: string;
  plan_version: number;
  item_id: string;
  action: 'approve' | 'undo';
  actor_id: string;
  note: string | null;
  result_version: number | null;
  created_at: string;
}

/** What the engine would have changed on a locked item, for a PT to apply or dismiss. */
export interface PlanSuggestionTable {
  id: string;
  clinic_id: string;
  patient_id: string;
  item_id: string;
  change: string;
  based_on_version: number;
  status: 'open' | 'applied' | 'dismissed' | 'expired';
  open_key: string | null;
  created_at: string;
  updated_at: string;
  decided_by: string | null;
  result_version: number | null;
}
export type PlanChangeReview = Selectable<PlanChangeReviewTable>;
export type PlanSuggestion = Selectable<PlanSuggestionTable>;

// ---------------------------------------------------------------------------
// Reminders the patient controls (0007_reminders)

/** One row per patient; booleans are 0/1, times local HH:MM. */
export interface ReminderSettingsTable {
  patient_id: string;
  clinic_id: string;
  checkin_on: number;
  checkin_time: string;
  stretch_on: number;
  stretch_time: string;
  session_on: number;
  session_time: string;
  activity_on: number;
  activity_time: string;
  breaks_on: number;
  channel_in_app: number;
  channel_push: number;
  channel_email: number;
  daily_cap: number;
  quiet_start: string | null;
  quiet_end: string | null;
  /** The patient's own break hours (all four set, or all null to follow the plan). */
  break_start: string | null;
  break_end: string | null;
  /** JSON array of weekdays ("mon" …). */
  break_days: string | null;
  break_interval: number | null;
  snooze_until: string | null;
  paused_on: string | null;
  /** The weekly summary on Mondays: on/off and local time (0012_reminder_weekly_and_retries). */
  weekly_on: number;
  weekly_time: string;
  calendar_secret: string;
  lock_owner: string | null;
  lock_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface PushSubscriptionTable {
  id: string;
  clinic_id: string;
  patient_id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  user_agent: string;
  created_at: string;
  last_success_at: string | null;
  last_error: string | null;
}

export type PushStatus = 'none' | 'pending' | 'sending' | 'sent' | 'failed';

/** Every reminder made; unique per (patient, kind, local date, slot). Rows with in_app = 1 form the inbox. */
export interface ReminderTable {
  id: string;
  clinic_id: string;
  patient_id: string;
  kind: string;
  local_date: string;
  slot: string;
  title: string;
  body: string;
  url: string;
  in_app: number;
  push_status: PushStatus;
  /** The last push error, in words (also kept when another device got it). */
  push_error: string | null;
  /** Push attempts made so far (0012_reminder_weekly_and_retries). */
  push_attempts: number;
  /** When a pending push is next due (its creation, or the end of a retry's wait); when a sending one was claimed; else null. */
  push_next_at: string | null;
  email_status: 'none' | 'pending' | 'queued';
  created_at: string;
  dismissed_at: string | null;
}

/**
 * A device that already has a reminder's push, or refused it for good: a
 * retry skips it (0012_reminder_weekly_and_retries). One per (reminder, device).
 */
export interface ReminderPushOutcomeTable {
  reminder_id: string;
  subscription_id: string;
  outcome: 'sent' | 'refused';
  created_at: string;
}

export interface AppSecretTable {
  name: string;
  value: string;
  created_at: string;
}

export type ReminderSettingsRow = Selectable<ReminderSettingsTable>;
export type PushSubscription = Selectable<PushSubscriptionTable>;
export type Reminder = Selectable<ReminderTable>;

// ---------------------------------------------------------------------------
// Functional activities over time (0010_functional)

/** One re-rating of the patient's own everyday activities, each 0-10 (10 = as before the pain). */
export interface FunctionalRatingTable {
  id: string;
  clinic_id: string;
  patient_id: string;
  /** Made by the client (a UUID): makes retries and offline sync idempotent. */
  client_id: string;
  /** The patient's local calendar day, YYYY-MM-DD. */
  date: string;
  /** [{ activity, score }] as JSON. */
  ratings: string;
  created_at: string;
}

export type FunctionalRating = Selectable<FunctionalRatingTable>;
