import { useState } from 'react'
import { Head, Link, router } from '@inertiajs/react'
import { Button, Group, NavLink, Paper, Stack, Text, TextInput } from '@mantine/core'
import { ConfirmButton, EmptyState, PageHeader, useFormat, useT } from '~/ui'
import type { FoldersPage } from '../../dto/folders'

/** Mis carpetas: the user's folders, and the open folder's messages. */
export default function Folders({ labels, current }: FoldersPage) {
  const { t } = useT()
  const f = useFormat()
  const [name, setName] = useState('')
  const [rename, setRename] = useState(current?.name ?? '')
  return (
    <>
      <Head title={current?.name ?? t('mail.folders.title')} />
      <PageHeader title={current?.name ?? t('mail.folders.title')} />
      <Group align="flex-start" gap="lg" wrap="wrap">
        <Stack gap="xs" w={260} component="nav" aria-label={t('mail.folders.title')}>
          {labels.map((l) => (
            <NavLink
              key={l.id}
              component={Link}
              href={`/mail/folders/${l.id}`}
              label={l.name}
              rightSection={<Text size="xs">{l.count}</Text>}
              active={current?.id === l.id}
            />
          ))}
          <form
            onSubmit={(e) => {
              e.preventDefault()
              router.post('/mail/folders', { name }, { onSuccess: () => setName('') })
            }}
          >
            <Group gap="xs" align="flex-end">
              <TextInput
                label={t('mail.folders.new')}
                placeholder={t('mail.folders.name')}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                style={{ flex: 1 }}
              />
              <Button type="submit" disabled={!name.trim()}>
                {t('mail.folders.save')}
              </Button>
            </Group>
          </form>
        </Stack>
        <Stack style={{ flex: 1, minWidth: 280 }}>
          {!current && labels.length === 0 && (
            <EmptyState title={t('mail.folders.title')} description={t('mail.folders.none')} />
          )}
          {current && (
            <>
              <Group gap="xs" align="flex-end" wrap="wrap">
                <TextInput
                  label={t('mail.folders.rename')}
                  value={rename}
                  onChange={(e) => setRename(e.currentTarget.value)}
                />
                <Button
                  variant="default"
                  onClick={() => router.put(`/mail/folders/${current.id}`, { name: rename })}
                >
                  {t('mail.folders.save')}
                </Button>
                <ConfirmButton
                  color="red"
                  variant="subtle"
                  label={t('mail.folders.delete')}
                  title={t('mail.folders.delete')}
                  message={current.name}
                  onConfirm={() => router.delete(`/mail/folders/${current.id}`)}
                />
              </Group>
              {current.messages.length === 0 ? (
                <EmptyState title={current.name} description={t('mail.folders.empty')} />
              ) : (
                <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0 }}>
                  {current.messages.map((m) => (
                    <Paper key={m.id} withBorder p="sm" component="li">
                      <Group justify="space-between" wrap="wrap">
                        <Stack gap={0}>
                          <Text size="sm" fw={600}>
                            {m.fromName ?? m.fromAddress}
                          </Text>
                          <Text size="sm" component={Link} href={`/mail/messages/${m.id}`}>
                            {m.subject === null
                              ? t('mail.triage.hidden_subject')
                              : m.subject || t('mail.triage.no_subject')}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {f.dateTime(m.sentAt)}
                          </Text>
                        </Stack>
                        <Button
                          size="xs"
                          variant="subtle"
                          onClick={() =>
                            router.post(
                              `/mail/folders/${current.id}/messages`,
                              { messageId: m.id, filed: false },
                              { preserveScroll: true }
                            )
                          }
                        >
                          {t('mail.folders.unfile')}
                        </Button>
                      </Group>
                    </Paper>
                  ))}
                </Stack>
              )}
            </>
          )}
        </Stack>
      </Group>
    </>
  )
}
