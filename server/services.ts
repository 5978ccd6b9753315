import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { primaryPool } from './db/prepared';
import { JobQueue, Queues } from './jobs/job-queue';
import { MailQueue } from './mail/mail-queue';
import { SignInThrottle } from './auth/sign-in-throttle';
import type { AppConfig } from './config';
import { Mailer } from './mail/mailer';
import { ActivationService } from './modules/account/activation.service';
import { AuthService } from './modules/account/auth.service';
import { SecondFactorService } from './modules/account/second-factor.service';
import { DirectoryClient } from './auth/directory';
import { PasswordResetService } from './modules/account/password-reset.service';
import { SessionService } from './modules/account/session.service';
import { GeoService } from './modules/geo/geo.service';
import { AnalyticsService } from './modules/analytics/analytics.service';
import { AuditService } from './modules/audit/audit';
import { HistoryService } from './modules/history/history.service';
import { LaoService } from './modules/lao/lao.service';
import { LaoImportService } from './modules/lao/lao-import.service';
import { ItaService } from './modules/ita/ita.service';
import { PlanCycleService } from './modules/plan/plan-cycle.service';
import { PlanService } from './modules/plan/plan.service';
import { ApiKeyService } from './modules/partner/api-key.service';
import { SyncService } from './modules/partner/sync.service';
import { ProjectImportService } from './modules/project/project-import.service';
import { ProjectService } from './modules/project/project.service';
import { ImplementationService } from './modules/report/implementation.service';
import { ReminderService } from './modules/report/reminder.service';
import { ReportService } from './modules/report/report.service';
import { ExtensionBatchService } from './modules/report/extension-batch.service';
import { RoundService } from './modules/report/round.service';
import { ProblemReportService } from './modules/follow-up/problem-report.service';
import { SiteVisitService } from './modules/follow-up/site-visit.service';
import { ReportEvidenceService } from './modules/evidence/report-evidence.service';
import { ContactChannelsService } from './modules/help/contact-channels.service';
import { StaffService } from './modules/staff/staff.service';

/** Wires the services once per server; resolvers reach them through the context. */
export const createServices = (
  dataSource: DataSource,
  config: AppConfig,
  publicUrl: () => string,
  logger: Logger,
) => {
  const throttle = new SignInThrottle(dataSource, config.signInThrottle, config.jwt);
  const jobsLog = logger.child({ component: 'jobs' });
  const mailer = new Mailer({
    smtpUrl: config.smtpUrl,
    from: config.mailFrom,
    timeoutMs: config.jobs.smtpTimeoutMs,
    log: (mail) =>
      jobsLog.info(
        { to: mail.to, subject: mail.subject, text: mail.text },
        'mail kept in the development outbox',
      ),
  });
  const jobs = new JobQueue(primaryPool(dataSource), config.jobs, jobsLog);
  const mails = new MailQueue(dataSource, mailer, jobs, jobsLog, {
    // SECOND_FACTOR_KEY when set (required when only JWT_KEYS are: JWT_SECRET is then empty), else JWT_SECRET.
    secret: config.secondFactor.key ?? config.jwt.secret,
    sendTimeoutMs: config.jobs.smtpTimeoutMs,
  });
  const apiKeys = new ApiKeyService(dataSource, config.now);
  const sessions = new SessionService(dataSource, config, apiKeys);
  const secondFactor = new SecondFactorService(dataSource, config);
  const directory = config.directory ? new DirectoryClient(config.directory) : null;
  const auth = new AuthService(dataSource, config, sessions, throttle, secondFactor, directory);
  const history = new HistoryService(dataSource);
  const rounds = new RoundService(dataSource, config.now);
  const implementation = new ImplementationService(dataSource);
  const planCycles = new PlanCycleService(dataSource, history);
  const projects = new ProjectService(dataSource, planCycles, history, config.now);
  const passwordReset = new PasswordResetService(dataSource, config, sessions, mails, throttle, publicUrl);
  const reminders = new ReminderService(dataSource, mails, {
    daysBefore: config.reminderDaysBefore,
    now: config.now,
  });
  // A tick of the schedule: the reminders due, and keys of mails older than any job that could still send them.
  jobs.handle(Queues.reminders, async () => {
    const enqueued = await reminders.run();
    await mails.prune(config.jobs.keepDays + 1);
    return { enqueued };
  });
  return {
    audit: new AuditService(dataSource),
    apiKeys,
    sync: new SyncService(dataSource),
    mailer,
    jobs,
    mails,
    history,
    planCycles,
    projects,
    projectImport: new ProjectImportService(
      dataSource,
      planCycles,
      projects,
      history,
      config.spreadsheetLimits,
      config.databaseWaits.long,
    ),
    plans: new PlanService(dataSource, history),
    ita: new ItaService(dataSource, history, config.spreadsheetLimits, config.databaseWaits.long),
    rounds,
    extensionBatches: new ExtensionBatchService(dataSource, config.now),
    reports: new ReportService(dataSource, config.now),
    implementation,
    siteVisits: new SiteVisitService(dataSource, config.now),
    reportEvidence: new ReportEvidenceService(dataSource),
    problemReports: new ProblemReportService(dataSource, config.now, rounds),
    analytics: new AnalyticsService(dataSource),
    reminders,
    now: config.now,
    manager: dataSource.manager,
    sessions,
    secondFactor,
    auth,
    activation: new ActivationService(dataSource, config, sessions, auth, throttle),
    passwordReset,
    staff: new StaffService(dataSource, config, sessions, passwordReset, mails, publicUrl),
    lao: new LaoService(dataSource),
    laoImport: new LaoImportService(dataSource, config.spreadsheetLimits, config.databaseWaits.long),
    geo: new GeoService(dataSource),
    contactChannels: new ContactChannelsService(dataSource, history),
  };
};

export type Services = ReturnType<typeof createServices>;
