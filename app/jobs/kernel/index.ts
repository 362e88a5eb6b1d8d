export { default as sendPasswordResetMail } from './send_password_reset_mail.js'
export { default as pruneJobRuns } from './prune_job_runs.js'
export { default as probe } from './probe.js'
export { default as purgeBin } from './purge_bin.js'
