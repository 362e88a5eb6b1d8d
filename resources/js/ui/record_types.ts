import type { TimelineEntry } from './timeline'

/** Shapes the shared record widgets (fields, detail lines, pickers, history) work with. */

// Options, phones, e-mails and addresses: one definition, shared with the modules' dto/.
export type {
  Address,
  AddressValue,
  Channel,
  EmailValue,
  Option,
  PhoneValue,
} from '../../../app/ui/record_shapes.js'

/** One page of a record's history; `nextBefore` is the cursor of the older entries (or null). */
export interface HistoryPage {
  entries: TimelineEntry[]
  nextBefore: number | null
}
