/*
| The mail module's background jobs, by key (the manifest's `jobs`).
*/
export { default as sendOutboxMail } from './send_outbox_mail.js'
