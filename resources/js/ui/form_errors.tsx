import { useEffect, useEffectEvent, useRef, useState, type RefObject } from 'react'
import { Alert, Anchor, List, Text } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useT } from './i18n'

type Errors = Record<string, string | undefined> | Partial<Record<string, string>>

/** One server error as the summary lists it; `target` is the field it links to, when found. */
interface Entry {
  key: string
  message: string
  label: string | null
  target: HTMLElement | null
}

const FOCUSABLE =
  'input:not([type="hidden"]), textarea, select, button, [tabindex]:not([tabindex="-1"])'

/*
 * Fields are found in the page, not registered: Mantine renders a field's error as
 * `<div id="<input id>-error">message</div>` and marks the input aria-invalid and
 * aria-describedby that id. So any form gets the summary without naming each field again.
 */
function errorNodes(root: HTMLElement): { node: HTMLElement; target: HTMLElement | null }[] {
  return [...root.querySelectorAll<HTMLElement>('.mantine-InputWrapper-error')].map((node) => {
    const input = node.id.endsWith('-error')
      ? document.getElementById(node.id.slice(0, -'-error'.length))
      : null
    const inside =
      node.closest('.mantine-InputWrapper-root')?.querySelector<HTMLElement>(FOCUSABLE) ?? null
    return {
      node,
      target: input?.matches(FOCUSABLE)
        ? input
        : (input?.querySelector<HTMLElement>(FOCUSABLE) ?? inside),
    }
  })
}

/** The visible name of a field: its <label> (without the required asterisk) or aria-label. */
function labelOf(target: HTMLElement | null): string | null {
  if (!target) return null
  const label = target.id ? document.querySelector(`label[for="${CSS.escape(target.id)}"]`) : null
  const text = label
    ? [...label.childNodes]
        .filter((n) => !(n instanceof HTMLElement && n.getAttribute('aria-hidden') === 'true'))
        .map((n) => n.textContent)
        .join('')
    : target.getAttribute('aria-label')
  return text?.trim() || null
}

function collect(root: HTMLElement, errors: Errors, labels: Record<string, string>): Entry[] {
  const nodes = errorNodes(root)
  const used = new Set<number>()
  const entries = Object.entries(errors).flatMap(([key, message]) => {
    if (!message) return []
    // The first unused field showing this message; then any (one field showing an item's error).
    let index = nodes.findIndex((n, i) => !used.has(i) && n.node.textContent === message)
    if (index < 0) index = nodes.findIndex((n) => n.node.textContent === message)
    if (index >= 0) used.add(index)
    const target = index >= 0 ? nodes[index].target : null
    const given =
      labels[key] ?? Object.entries(labels).find(([prefix]) => key.startsWith(`${prefix}.`))?.[1]
    return [
      {
        key,
        message,
        label: given ?? labelOf(target),
        target,
        order: index < 0 ? nodes.length : index,
      },
    ]
  })
  // In the order the fields appear on the page; errors without a field go last.
  return entries.sort((a, b) => a.order - b.order).map(({ order: _order, ...entry }) => entry)
}

function focusField(target: HTMLElement) {
  target.scrollIntoView({ block: 'center' })
  target.focus({ preventScroll: true })
}

/**
 * After a submission fails, scrolls to and focuses the first invalid field inside `root` (in
 * page order); without one, focuses `fallback` (the summary). Runs again on every new set of
 * errors, so pressing "Guardar" twice lands on the field both times.
 */
export function useFocusFirstError(
  errors: Errors,
  root: RefObject<HTMLElement | null>,
  fallback?: RefObject<HTMLElement | null>
) {
  useEffect(() => {
    if (!Object.values(errors).some(Boolean) || !root.current) return
    const first = errorNodes(root.current).find((n) => n.target)?.target
    if (first) focusField(first)
    else fallback?.current?.focus()
  }, [errors, root, fallback])
}

/**
 * The errors of a form, at its top: announced (role="alert"), each a link to its field. Place
 * it inside the <form>; it also moves the focus to the first invalid field. `labels` names
 * errors whose field has no label of its own (a key also names its items: `permissions`
 * covers `permissions.3`).
 */
export function ErrorSummary({
  errors,
  labels = {},
  mb,
}: {
  errors: Errors
  labels?: Record<string, string>
  mb?: string
}) {
  const { t } = useT()
  const ref = useRef<HTMLDivElement>(null)
  // Fields are looked up once the errors are on the page, so the first paint lists bare messages.
  const [found, setFound] = useState<{ of: Errors; entries: Entry[] } | null>(null)
  const root = useRef<HTMLElement | null>(null)
  // The labels are read when the errors change; a new `labels` object alone changes nothing.
  const findFields = useEffectEvent((shown: Errors) => {
    root.current = ref.current?.closest('form') ?? ref.current?.parentElement ?? null
    setFound(root.current ? { of: shown, entries: collect(root.current, shown, labels) } : null)
  })
  useEffect(() => findFields(errors), [errors])
  useFocusFirstError(errors, root, ref)

  const messages = Object.values(errors).filter(Boolean)
  if (!messages.length) return null
  const shown: Entry[] =
    found?.of === errors
      ? found.entries
      : Object.entries(errors).flatMap(([key, message]) =>
          message ? [{ key, message, label: labels[key] ?? null, target: null }] : []
        )
  return (
    <Alert
      ref={ref}
      tabIndex={-1}
      mb={mb}
      color="red"
      variant="light"
      icon={<IconAlertTriangle size={18} />}
      aria-live="assertive"
      title={t('common.form_errors.title', { count: shown.length })}
      data-testid="error-summary"
    >
      <List size="sm" spacing={2}>
        {shown.map((e) => (
          <List.Item key={e.key}>
            {e.target?.id ? (
              <Anchor
                href={`#${e.target.id}`}
                size="sm"
                c="red.9"
                onClick={(event) => {
                  event.preventDefault()
                  focusField(e.target!)
                }}
              >
                {e.label ? `${e.label}: ${e.message}` : e.message}
              </Anchor>
            ) : (
              <Text span size="sm">
                {e.label ? `${e.label}: ${e.message}` : e.message}
              </Text>
            )}
          </List.Item>
        ))}
      </List>
    </Alert>
  )
}
