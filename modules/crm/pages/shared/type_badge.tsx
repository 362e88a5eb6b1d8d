import { Badge } from '@mantine/core'

const TYPE_COLORS: Record<string, string> = {
  cliente: 'teal',
  prospecto: 'blue',
  competidor: 'red',
  proveedor: 'grape',
  distribuidor: 'orange',
}

/** A company type by the organization's label (`label`), coloured by its code. */
export function TypeBadge({ type, label }: { type: string; label: string }) {
  // Never squeezed into "PROSP…" by a narrow table column.
  return (
    <Badge
      component="span"
      variant="light"
      color={TYPE_COLORS[type] ?? 'gray'}
      style={{ minWidth: 'max-content' }}
    >
      {label}
    </Badge>
  )
}
