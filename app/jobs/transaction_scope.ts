import { AsyncLocalStorage } from 'node:async_hooks'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/**
 * A database transaction shared, for one queue step, by the queue's own statements and the
 * job-run record: claiming a job and marking it running (or finishing it and recording the end)
 * commit once instead of twice — on MySQL/MariaDB each commit is a disk flush.
 */
export const jobTransaction = new AsyncLocalStorage<TransactionClientContract>()
