import { useEffect, useRef, useState, type ChangeEvent } from 'react'
import { Combobox, Text, Textarea, useCombobox, type TextareaProps } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useT } from './i18n'
import { getJson } from './query'

/** A mention as notes store it: `@[Ana Pérez](user:12)`. */
const MENTION = /@\[([^\]\n]{1,120})\]\(user:(\d{1,10})\)/g
/** What is being typed after an "@" right before the caret (up to two words). */
const TYPING = /(?:^|\s)@([^\s@[\]()]{0,30}(?: [^\s@[\]()]{0,30})?)$/

interface MentionUser {
  id: number
  name: string
}

/** A note's text with its mentions shown as highlighted names (`@Ana Pérez`). */
export function NoteText({ text }: { text: string }) {
  const parts: (string | MentionUser)[] = []
  let last = 0
  for (const match of text.matchAll(MENTION)) {
    parts.push(text.slice(last, match.index), { name: match[1], id: Number(match[2]) })
    last = match.index + match[0].length
  }
  parts.push(text.slice(last))
  return (
    <>
      {parts.map((part, i) =>
        typeof part === 'string' ? (
          part
        ) : (
          <Text
            key={i}
            span
            fw={600}
            c="indigo.8"
            bg="indigo.0"
            px={3}
            style={{ borderRadius: 4 }}
            data-mention={part.id}
          >
            @{part.name}
          </Text>
        )
      )}
    </>
  )
}

/**
 * A note box where "@" suggests the organization's users (arrows, Enter or click to choose,
 * Esc to close); the chosen user is written as `@[Name](user:id)`. Otherwise a Mantine
 * Textarea: `value` and `onChange` as usual.
 */
export function MentionTextarea({
  value,
  onChange,
  onKeyDown,
  ...props
}: Omit<TextareaProps, 'value' | 'onChange'> & {
  value: string
  onChange: (event: ChangeEvent<HTMLTextAreaElement>) => void
}) {
  const { t } = useT()
  const ref = useRef<HTMLTextAreaElement>(null)
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() })
  const [query, setQuery] = useState<string | null>(null)
  const [debounced] = useDebouncedValue(query, 150)
  const [users, setUsers] = useState<MentionUser[]>([])

  useEffect(() => {
    if (debounced === null) return
    let live = true
    getJson<MentionUser[]>(`/users/mentionable?q=${encodeURIComponent(debounced)}`)
      .then((found) => {
        if (!live) return
        setUsers(found)
        combobox.openDropdown()
      })
      .catch(() => live && setUsers([]))
    return () => {
      live = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced])

  // Once the options are drawn, the first is selected: Enter takes it, arrows move from it.
  useEffect(() => {
    if (users.length) combobox.selectFirstOption()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [users])

  const track = (text: string, caret: number) => {
    const typing = TYPING.exec(text.slice(0, caret))
    setQuery(typing ? typing[1] : null)
    if (!typing) combobox.closeDropdown()
  }

  const choose = (id: string) => {
    const user = users.find((u) => String(u.id) === id)
    const area = ref.current
    if (!user || !area) return
    const caret = area.selectionStart ?? value.length
    const before = value.slice(0, caret).replace(/@[^@]*$/, '')
    const mention = `@[${user.name.replace(/[[\]()]/g, '')}](user:${user.id}) `
    const next = before + mention + value.slice(caret)
    // A change event the parent handles like typing (Inertia's useForm reads currentTarget.value).
    area.value = next
    onChange({ currentTarget: area, target: area } as ChangeEvent<HTMLTextAreaElement>)
    setQuery(null)
    combobox.closeDropdown()
    requestAnimationFrame(() => {
      area.focus()
      area.setSelectionRange(before.length + mention.length, before.length + mention.length)
    })
  }

  const open = query !== null && combobox.dropdownOpened
  return (
    <Combobox store={combobox} onOptionSubmit={choose} withinPortal={false} position="bottom-start">
      <Combobox.Target withKeyboardNavigation={open} withAriaAttributes={query !== null}>
        <Textarea
          {...props}
          ref={ref}
          value={value}
          onChange={(event) => {
            onChange(event)
            track(event.currentTarget.value, event.currentTarget.selectionStart ?? 0)
          }}
          onKeyDown={(event) => {
            // The suggestions take Enter and Esc while open; Ctrl+Enter still saves.
            if (open && (event.key === 'Escape' || (event.key === 'Enter' && !event.ctrlKey)))
              event.stopPropagation()
            else onKeyDown?.(event)
          }}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={query === null}>
        <Combobox.Options aria-label={t('timeline.mention_users')}>
          {users.length === 0 ? (
            <Combobox.Empty>{t('timeline.mention_none')}</Combobox.Empty>
          ) : (
            users.map((user) => (
              <Combobox.Option value={String(user.id)} key={user.id}>
                {user.name}
              </Combobox.Option>
            ))
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  )
}
