import { useState } from 'react'
import { Head, router } from '@inertiajs/react'
import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { IconArrowDown, IconArrowUp, IconPlus } from '@tabler/icons-react'
import { ConfirmButton, EmptyState, PageHeader, useT } from '~/ui'
import type { MailRuleRow, MailRulesPage } from '../../dto/rules'
import { RuleForm } from './rule_form'

/** Correo › Reglas de captura (ordered, move up/down) and the blocklist. */
export default function MailRules(props: MailRulesPage) {
  const { t } = useT()
  const [editing, setEditing] = useState<MailRuleRow | 'new' | null>(null)
  const [pattern, setPattern] = useState('')
  const move = (id: number, direction: 'up' | 'down') =>
    router.post(`/mail/rules/${id}/move`, { direction }, { preserveScroll: true })
  const newButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
      {t('mail.rules.new')}
    </Button>
  )
  return (
    <>
      <Head title={t('mail.rules.title')} />
      <PageHeader
        title={t('mail.rules.title')}
        subtitle={t('mail.rules.subtitle')}
        actions={newButton}
      />
      <Stack gap="lg">
        {props.rules.length === 0 ? (
          <EmptyState
            title={t('mail.rules.title')}
            description={t('mail.rules.empty')}
            action={newButton}
          />
        ) : (
          <Stack gap="xs" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {props.rules.map((r, i) => (
              <Paper key={r.id} withBorder radius="md" p="sm" component="li">
                <Group justify="space-between" wrap="wrap" gap="xs">
                  <Group gap="xs" wrap="nowrap">
                    <ActionIcon
                      variant="subtle"
                      aria-label={t('mail.rules.up')}
                      disabled={i === 0}
                      onClick={() => move(r.id, 'up')}
                    >
                      <IconArrowUp size={16} />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      aria-label={t('mail.rules.down')}
                      disabled={i === props.rules.length - 1}
                      onClick={() => move(r.id, 'down')}
                    >
                      <IconArrowDown size={16} />
                    </ActionIcon>
                    <Stack gap={0}>
                      <Text fw={600}>{r.name}</Text>
                      <Text size="xs" c="dimmed">
                        {props.mailboxes.find((m) => m.value === String(r.mailboxId))?.label ??
                          t('mail.rules.all_mailboxes')}
                        {' · '}
                        {r.conditions
                          .map(
                            (c) =>
                              `${t(`mail.rules.fields.${c.field}`)} ${t(`mail.rules.ops.${c.op}`)} "${c.value}"`
                          )
                          .join(r.match === 'any' ? ' ∨ ' : ' ∧ ')}
                        {' → '}
                        {r.actions
                          .map((a) =>
                            a.type === 'link' && a.recordLabel
                              ? `${t('mail.rules.action_types.link')}: ${a.recordLabel}`
                              : t(`mail.rules.action_types.${a.type}`)
                          )
                          .join(', ')}
                      </Text>
                    </Stack>
                  </Group>
                  <Group gap="xs">
                    {!r.enabled && <Badge color="gray">{t('mail.rules.disabled')}</Badge>}
                    <Button size="xs" variant="default" onClick={() => setEditing(r)}>
                      {t('mail.rules.edit')}
                    </Button>
                    <ConfirmButton
                      size="xs"
                      color="red"
                      variant="subtle"
                      label={t('mail.rules.delete')}
                      title={t('mail.rules.delete')}
                      message={r.name}
                      onConfirm={() =>
                        router.delete(`/mail/rules/${r.id}`, { preserveScroll: true })
                      }
                    />
                  </Group>
                </Group>
              </Paper>
            ))}
          </Stack>
        )}
        <Paper withBorder radius="md" p="md" component="section">
          <Title order={2} size="h4">
            {t('mail.rules.blocklist.title')}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t('mail.rules.blocklist.help')}
          </Text>
          <form
            onSubmit={(e) => {
              e.preventDefault()
              router.post(
                '/mail/blocklist',
                { pattern },
                { preserveScroll: true, onSuccess: () => setPattern('') }
              )
            }}
          >
            <Group align="flex-end" gap="xs" wrap="wrap">
              <TextInput
                label={t('mail.rules.blocklist.pattern')}
                value={pattern}
                style={{ flex: 1, minWidth: 200 }}
                onChange={(e) => setPattern(e.currentTarget.value)}
              />
              <Button type="submit" disabled={!pattern.trim()}>
                {t('mail.rules.blocklist.add')}
              </Button>
            </Group>
          </form>
          {props.blocklist.length === 0 ? (
            <Text size="sm" mt="sm">
              {t('mail.rules.blocklist.empty')}
            </Text>
          ) : (
            <Stack gap={4} mt="sm" component="ul" style={{ listStyle: 'none', padding: 0 }}>
              {props.blocklist.map((b) => (
                <Group key={b.id} component="li" justify="space-between">
                  <Text size="sm">{b.pattern}</Text>
                  <Button
                    size="xs"
                    variant="subtle"
                    onClick={() =>
                      router.delete(`/mail/blocklist/${b.id}`, { preserveScroll: true })
                    }
                  >
                    {t('mail.rules.blocklist.remove')}
                  </Button>
                </Group>
              ))}
            </Stack>
          )}
        </Paper>
      </Stack>
      {editing && (
        <RuleForm
          rule={editing === 'new' ? null : editing}
          options={props}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  )
}
