import type { Config } from '../config';
import type { Repositories } from '../storage';
import { AuthService } from './auth';
import { BookingService } from './booking';
import { ClinicService } from './clinic';
import { ContentService } from './content';
import { SelfCheckService } from './selfcheck';
import { PatientDayService } from './patient-day';
import { ProgressService } from './progress';
import { ProgressionService } from './progression';
import { FlagService } from './flags';
import { PortalService } from './portal';
import { ReminderService } from './reminders';
import { PlanReviewService } from './plan-review';
import type { Library } from '../core/library/library';
import type { EducationPage } from '../content/education';
import { type Clock, systemClock } from './clock';
import { MailService, type MailTransport, createTransport } from './mail';

export function createServices(
  config: Config,
  repos: Repositories,
  content: { library: Library; education: EducationPage[] },
  opts: { clock?: Clock; transport?: MailTransport; onError?: (err: unknown) => void } = {},
) {
  const clock = opts.clock ?? systemClock;
  const mail = new MailService(repos, opts.transport ?? createTransport(config), config.mailFrom, clock);
  const auth = new AuthService(repos, mail, clock, config.publicUrl);
  const patientDay = new PatientDayService(repos, clock);
  const progression = new ProgressionService(repos, content.library, clock, opts.onError);
  patientDay.onNewData = (patientId) => progression.trigger(patientId);
  return {
    clock,
    mail,
    auth,
    clinic: new ClinicService(repos, clock),
    content: new ContentService(content.library, content.education),
    selfCheck: new SelfCheckService(repos, content.library, clock),
    booking: new BookingService(repos, mail, auth, clock, config),
    patientDay,
    progress: new ProgressService(repos, clock),
    progression,
    flags: new FlagService(repos, clock),
    portal: new PortalService(repos, content.library, clock),
    reminders: new ReminderService(repos, clock, config, opts.onError ? { onError: opts.onError } : {}),
    planReview: new PlanReviewService(repos, content.library, clock),
  };
}
export type Services = ReturnType<typeof createServices>;
