import type { ReactNode } from 'react'
import { Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import {
  IconAlertTriangle,
  IconMail,
  IconNote,
  IconPaperclip,
  IconPhone,
} from '@tabler/icons-react'
import { Link, usePage } from '@inertiajs/react'
import { PageHeader, type Crumb } from '../page_header'
import { NavIcon } from '../icons'
import type { SharedProps } from '../types'
import { useT } from '../i18n'
import { telHref } from '../phone'
import type { RecordFlag } from '../../../../app/ui/record_shapes.js'

/*
 * One layout for every record page: a header with the key facts and quick actions, the fields
 * grouped in cards and the related lists in the main column, and the timeline beside them on
 * wide screens (two columns from 1100 px, `.record-page-columns` in app.css; stacked below).
 */

/** One key fact under the title (owner, NIF, main phone…); empty ones are left out. */
export interface RecordFact {
  label: string
  value: ReactNode
}

/** Badges other parts of the app raised on the record (an alert), each opening what it is about. */
export function RecordFlags({ flags }: { flags: RecordFlag[] }) {
  const { t } = useT()
  if (!flags.length) return null
  return (
    <Group gap={6} wrap="wrap" role="list" aria-label={t('ui.record.flags')}>
      {flags.map((flag, i) => {
        const label = t(flag.labelKey, flag.params)
        const badge = (
          <Badge
            color="orange"
            variant="light"
            leftSection={<IconAlertTriangle size={12} aria-hidden />}
            style={{ textTransform: 'none', cursor: flag.link ? 'pointer' : undefined }}
          >
            {label}
          </Badge>
        )
        return (
          <span role="listitem" key={`${flag.kind}:${i}`} data-testid="record-flag">
            {flag.link ? (
              <Link href={flag.link} aria-label={label}>
                {badge}
              </Link>
            ) : (
              badge
            )}
          </span>
        )
      })}
    </Group>
  )
}

export function RecordHeader({
  title,
  badges,
  flags,
  facts = [],
  crumbs,
  actions,
  quickActions,
}: {
  title: ReactNode
  /** Next to the facts: the record's type badge, its state… */
  badges?: ReactNode
  /** Record flags (kernel `recordFlags`): alerts and the like about this record. */
  flags?: RecordFlag[]
  facts?: RecordFact[]
  crumbs?: Crumb[]
  /** The page's own actions (Editar, Eliminar). */
  actions?: ReactNode
  /** `QuickActions`, under the facts. */
  quickActions?: ReactNode
}) {
  const shown = facts.filter((f) => f.value !== null && f.value !== undefined && f.value !== '')
  return (
    <Paper withBorder radius="md" p="md" mb="md">
      <PageHeader title={title} crumbs={crumbs} actions={actions} />
      <Group gap="lg" mt={-8} wrap="wrap" align="flex-end">
        {badges}
        {flags && <RecordFlags flags={flags} />}
        {shown.map((f) => (
          <div key={f.label} style={{ minWidth: 0 }}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {f.label}
            </Text>
            <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
              {f.value}
            </Text>
          </div>
        ))}
      </Group>
      {quickActions && <div style={{ marginTop: 'var(--mantine-spacing-sm)' }}>{quickActions}</div>}
    </Paper>
  )
}

/**
 * Llamar (tel:), Enviar correo (mailto:), Nueva nota, Adjuntar: each shown when it applies.
 * `children` takes a module's further actions (Nueva actividad); `subject` adds the actions
 * other modules declare for this kind of record (manifest `recordActions`: mail's "Escribir
 * correo"), each opening its page with `?record=<type>:<id>`. An action that `replaces: 'mailto'`
 * hides «Enviar correo» (one way to write, not two).
 */
export function QuickActions({
  phone,
  email,
  onNote,
  onAttach,
  subject,
  children,
}: {
  phone?: string | null
  email?: string | null
  onNote?: () => void
  onAttach?: () => void
  subject?: { type: string; id: number }
  children?: ReactNode
}) {
  const { t } = useT()
  const { shell } = usePage<SharedProps>().props
  const declared = subject
    ? (shell?.recordActions ?? []).filter((a) => a.subjects.includes(subject.type))
    : []
  // A module's compose action (mail's «Escribir correo») stands for the plain mailto: link.
  const mailto = email && !declared.some((a) => a.replaces === 'mailto') ? email : null
  if (!phone && !mailto && !onNote && !onAttach && !declared.length && !children) return null
  return (
    <Group gap="xs" wrap="wrap" aria-label={t('ui.record.quick_actions')} role="group">
      {phone && (
        <Button
          component="a"
          href={telHref(phone)}
          size="xs"
          variant="light"
          leftSection={<IconPhone size={14} />}
        >
          {t('ui.record.call')}
        </Button>
      )}
      {mailto && (
        <Button
          component="a"
          href={`mailto:${mailto}`}
          size="xs"
          variant="light"
          leftSection={<IconMail size={14} />}
        >
          {t('ui.record.email')}
        </Button>
      )}
      {onNote && (
        <Button size="xs" variant="light" leftSection={<IconNote size={14} />} onClick={onNote}>
          {t('ui.record.new_note')}
        </Button>
      )}
      {onAttach && (
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPaperclip size={14} />}
          onClick={onAttach}
        >
          {t('ui.record.attach')}
        </Button>
      )}
      {declared.map((action) => (
        <Button
          key={action.href}
          component={Link}
          href={`${action.href}?record=${encodeURIComponent(`${subject!.type}:${subject!.id}`)}`}
          size="xs"
          variant="light"
          leftSection={<NavIcon name={action.icon} size={14} />}
        >
          {t(action.label)}
        </Button>
      ))}
      {children}
    </Group>
  )
}

/** The fields and related lists (`main`) and the timeline (`aside`), side by side when wide. */
export function RecordColumns({ main, aside }: { main: ReactNode; aside: ReactNode }) {
  return (
    <div className="record-page-columns">
      <Stack gap="md" style={{ minWidth: 0 }}>
        {main}
      </Stack>
      <div style={{ minWidth: 0 }}>{aside}</div>
    </div>
  )
}

/** A titled card of fields; `columns` lays its fields out in a grid (one column on phones). */
export function FieldCard({
  title,
  action,
  columns = 2,
  testId,
  children,
}: {
  title: string
  testId?: string
  /** Beside the title (e.g. "Editar" for groups edited in the full form). */
  action?: ReactNode
  columns?: 1 | 2
  children: ReactNode
}) {
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-label={title}
      data-testid={testId}
    >
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Title order={5}>{title}</Title>
        {action}
      </Group>
      {columns === 1 ? (
        <Stack gap="sm">{children}</Stack>
      ) : (
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md" verticalSpacing="sm">
          {children}
        </SimpleGrid>
      )}
    </Paper>
  )
}

/** The timeline column: a titled card (the page passes RecordHistory). */
export function TimelineCard({ children }: { children: ReactNode }) {
  const { t } = useT()
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={t('ui.record.activity')}>
      <Title order={5} mb="sm">
        {t('ui.record.activity')}
      </Title>
      {children}
    </Paper>
  )
}
