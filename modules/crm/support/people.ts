/** "Ana García Pérez": first and last name, whichever are present. */
export function fullName(first: string, last: string | null | undefined): string {
  return [first, last].filter(Boolean).join(' ')
}
