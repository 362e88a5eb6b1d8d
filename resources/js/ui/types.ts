import type { Shell } from '../../../app/ui/dto.js'

/** The shell's props: one type-only file shared with the server (app/ui/dto.ts). */
export type { CurrencyFormat, Shell, ShellUser } from '../../../app/ui/dto.js'

export interface SharedProps {
  locale: 'es' | 'en'
  shell: Shell
  flash: { success: string | null; error: string | null }
  errors: Record<string, string>
  [key: string]: unknown
}
