/**
 * The kernel's own jobs and schedules, declared the way a module manifest declares its own.
 */
export const kernelJobs = {
  name: 'kernel',
  jobs: () => import('./kernel/index.js'),
  schedules: [
    // Finished job records older than their retention go, once a night.
    { job: 'pruneJobRuns', cron: '17 3 * * *' },
    // One mail per user with the day's digest notifications, early in the Spanish morning.
    { job: 'sendNotificationDigest', cron: '0 7 * * *', timezone: 'Europe/Madrid' },
    // Binned records older than their organization's retention (default 30 days) go for good.
    { job: 'purgeBin', cron: '37 2 * * *' },
    // Read notifications (default 90 days) and finished imports' files (default 30) go.
    { job: 'pruneNotifications', cron: '47 2 * * *' },
    { job: 'pruneImports', cron: '57 2 * * *' },
  ],
}
