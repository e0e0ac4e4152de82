import type { Config } from '../config';
import type { Repositories } from '../storage';
import { AuthService } from './auth';
import { BookingService } from './booking';
import { ClinicService } from './clinic';
import { ContentService } from './content';
import { SelfCheckService } from './selfcheck';
import { PatientDayService } from './patient-day';
import type { Library } from '../core/library/library';
import type { EducationPage } from '../content/education';
import { type Clock, systemClock } from './clock';
import { MailService, type MailTransport, createTransport } from './mail';

export function createServices(
  config: Config,
  repos: Repositories,
  content: { library: Library; education: EducationPage[] },
  opts: { clock?: Clock; transport?: MailTransport } = {},
) {
  const clock = opts.clock ?? systemClock;
  const mail = new MailService(repos, opts.transport ?? createTransport(config), config.mailFrom, clock);
  const auth = new AuthService(repos, mail, clock, config.publicUrl);
  return {
    clock,
    mail,
    auth,
    clinic: new ClinicService(repos, clock),
    content: new ContentService(content.library, content.education),
    selfCheck: new SelfCheckService(repos, content.library, clock),
    booking: new BookingService(repos, mail, auth, clock, config),
    patientDay: new PatientDayService(repos, clock),
  };
}
export type Services = ReturnType<typeof createServices>;
