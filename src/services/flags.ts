import crypto from 'node:crypto';
import { plainFlagSummary } from '../core/progression';
import type { Repositories } from '../storage';
import type { Flag, FlagStatus } from '../storage/schema';
import { type Actor, requireRole } from './access';
import { type Clock, iso } from './clock';
import { conflict, notFound } from './errors';

const flagOut = (f: Flag & { patient_name?: string }) => ({
  id: f.id,
  patientId: f.patient_id,
  patientName: f.patient_name ?? null,
  kind: f.kind,
  action: f.action,
  severity: f.severity,
  status: f.status,
  summary: plainFlagSummary(f.summary),
  patientMessage: f.patient_message,
  since: f.since,
  triageLevel: f.triage_level,
  createdAt: f.created_at,
  acknowledgedAt: f.acknowledged_at,
  resolvedAt: f.resolved_at,
  resolutionNote: f.resolution_note,
});
export type FlagOut = ReturnType<typeof flagOut>;

/** The PT's flag queue and the patient's notices. */
export class FlagService {
  constructor(
    private readonly repos: Repositories,
    private readonly clock: Clock,
  ) {}

  /** Open (and, on request, handled) flags for a clinician's patients, or the whole clinic's for an admin. */
  async queue(actor: Actor, statuses: FlagStatus[]): Promise<FlagOut[]> {
    const viewer = requireRole(actor, 'clinician', 'admin');
    const rows = await this.repos.flags.listForClinic(viewer.clinic_id, {
      ...(viewer.role === 'clinician' ? { clinicianId: viewer.id } : {}),
      statuses,
      limit: 500,
    });
    return rows.filter((r) => r.action !== 'nudge').map(flagOut);
  }

  /** What the patient is told: their open notices and flags, most recent first. */
  async mine(actor: Actor): Promise<FlagOut[]> {
    const patient = requireRole(actor, 'patient');
    const rows = await this.repos.flags.listForPatient(patient.id, ['open', 'acknowledged']);
    return rows.map(flagOut);
  }

  private async loadForStaff(actor: Actor, id: string) {
    const viewer = requireRole(actor, 'clinician', 'admin');
    const flag = await this.repos.flags.findById(id);
    if (!flag || flag.clinic_id !== viewer.clinic_id) throw notFound('That flag');
    return { viewer, flag };
  }

  async history(actor: Actor, id: string) {
    const { flag } = await this.loadForStaff(actor, id);
    return { flag: flagOut(flag), events: await this.repos.flags.events(flag.id) };
  }

  async acknowledge(actor: Actor, id: string, note: string | undefined): Promise<FlagOut> {
    const { viewer, flag } = await this.loadForStaff(actor, id);
    if (flag.status !== 'open')
      throw conflict('flag_not_open', 'This flag was already acknowledged or resolved.');
    const at = iso(this.clock.now());
    await this.repos.flags.setStatus(flag.id, {
      status: 'acknowledged',
      acknowledged_by: viewer.id,
      acknowledged_at: at,
      updated_at: at,
    });
    await this.record(viewer.id, flag, 'acknowledge', note ?? null, at);
    await this.repos.patientSummaries.refresh(flag.patient_id, this.clock.now());
    return flagOut((await this.repos.flags.findById(flag.id)) as Flag);
  }

  async resolve(actor: Actor, id: string, note: string): Promise<FlagOut> {
    const { viewer, flag } = await this.loadForStaff(actor, id);
    if (flag.status === 'resolved') throw conflict('flag_resolved', 'This flag is already resolved.');
    const at = iso(this.clock.now());
    await this.repos.flags.setStatus(flag.id, {
      status: 'resolved',
      open_key: null,
      resolved_by: viewer.id,
      resolved_at: at,
      resolution_note: note,
      updated_at: at,
    });
    await this.record(viewer.id, flag, 'resolve', note, at);
    await this.repos.patientSummaries.refresh(flag.patient_id, this.clock.now());
    return flagOut((await this.repos.flags.findById(flag.id)) as Flag);
  }

  private async record(actorId: string, flag: Flag, action: string, note: string | null, at: string) {
    await this.repos.flags.addEvent({
      id: crypto.randomUUID(),
      flag_id: flag.id,
      actor_id: actorId,
      action,
      note,
      at,
    });
    await this.repos.audit.append({
      clinicId: flag.clinic_id,
      actorId,
      action: `flag.${action}`,
      subjectType: 'patient',
      subjectId: flag.patient_id,
      detail: { flag: flag.id, kind: flag.kind },
      at,
    });
  }
}
