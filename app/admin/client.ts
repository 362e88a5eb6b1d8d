import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/** The default connection or a transaction: all the admin reads need is `from`. */
export type Client = Pick<QueryClientContract, 'from'>
