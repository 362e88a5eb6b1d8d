import { Head, router, useForm } from '@inertiajs/react'
import {
  Grid,
  Group,
  MultiSelect,
  Paper,
  Radio,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useState } from 'react'
import { ConfirmButton, ErrorSummary, FormFooter, PageHeader, useT } from '~/ui'
import type {
  MailboxFormOptions,
  MailboxFormValues,
  MailboxKindDto,
  PrivacyDto,
} from '../../dto/mailboxes_admin'
import { ServerSection, type ServerValues } from './server_section'

const KINDS: MailboxKindDto[] = ['shared', 'personal', 'archive']
const PRIVACY: PrivacyDto[] = ['metadata', 'subject', 'full']
const LIST = '/mail/mailboxes'

/** Correo › Buzones › Nuevo / Editar: the mailbox, its IMAP server and its SMTP server. */
export default function MailboxForm({
  mailbox,
  options,
}: {
  mailbox: MailboxFormValues | null
  options: MailboxFormOptions
}) {
  const { t } = useT()
  const m = mailbox
  const form = useForm({
    name: m?.name ?? '',
    address: m?.address ?? '',
    kind: m?.kind ?? ('shared' as MailboxKindDto),
    ownerUserId: m?.ownerUserId ? String(m.ownerUserId) : (null as string | null),
    teamId: m?.teamId ? String(m.teamId) : (null as string | null),
    privacy: m?.privacy ?? ('full' as PrivacyDto),
    enabled: m?.enabled ?? true,
    imap: {
      host: m?.imapHost ?? '',
      port: m?.imapPort ?? 993,
      security: m?.imapSecurity ?? 'tls',
      user: m?.imapUser ?? '',
      password: '',
    } as ServerValues,
    folders: m?.folders ?? ['INBOX'],
    smtp: {
      host: m?.smtpHost ?? '',
      port: m?.smtpPort ?? 587,
      security: m?.smtpSecurity ?? 'starttls',
      user: m?.smtpUser ?? '',
      password: '',
    } as ServerValues,
  })
  const [serverFolders, setServerFolders] = useState<string[]>([])
  const d = form.data
  const errors = form.errors as Record<string, string | undefined>
  const submit = () => {
    form.transform((data) => ({
      name: data.name,
      address: data.address || null,
      kind: data.kind,
      ownerUserId: data.kind === 'personal' && data.ownerUserId ? Number(data.ownerUserId) : null,
      teamId: data.kind !== 'personal' && data.teamId ? Number(data.teamId) : null,
      privacy: data.privacy,
      enabled: data.enabled,
      imapHost: data.imap.host || null,
      imapPort: Number(data.imap.port) || null,
      imapSecurity: data.imap.security,
      imapUser: data.imap.user || null,
      imapPassword: data.imap.password || null,
      folders: data.folders,
      smtpHost: data.smtp.host || null,
      smtpPort: Number(data.smtp.port) || null,
      smtpSecurity: data.smtp.security,
      smtpUser: data.smtp.user || null,
      smtpPassword: data.smtp.password || null,
    }))
    if (m) form.put(`/mail/mailboxes/${m.id}`)
    else form.post('/mail/mailboxes')
  }
  const title = m ? t('mail.mailboxes_admin.edit') : t('mail.mailboxes_admin.new')
  const label = (field: string) => t(`mail.mailboxes_admin.fields.${field}`)
  const folderChoices = [...new Set([...serverFolders, ...d.folders])]
  return (
    <>
      <Head title={title} />
      <PageHeader
        title={m?.name || title}
        crumbs={[{ label: t('mail.mailboxes_admin.list'), href: LIST }, { label: title }]}
      />
      <form
        onSubmit={(e) => {
          e.preventDefault()
          submit()
        }}
        noValidate
      >
        <ErrorSummary errors={form.errors} />
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Paper withBorder radius="md" p="md">
              <Stack gap="sm">
                <Title order={4}>{t('mail.mailboxes_admin.sections.general')}</Title>
                <TextInput
                  label={label('name')}
                  description={label('name_help')}
                  value={d.name}
                  onChange={(e) => form.setData('name', e.currentTarget.value)}
                  error={errors.name}
                  required
                />
                <TextInput
                  label={label('address')}
                  type="email"
                  value={d.address}
                  onChange={(e) => form.setData('address', e.currentTarget.value)}
                  error={errors.address}
                />
                <Select
                  label={label('kind')}
                  data={KINDS.map((k) => ({
                    value: k,
                    label: t(`mail.mailboxes_admin.kinds.${k}`),
                  }))}
                  value={d.kind}
                  onChange={(v) => form.setData('kind', (v ?? 'shared') as MailboxKindDto)}
                  allowDeselect={false}
                  error={errors.kind}
                />
                {d.kind === 'personal' ? (
                  <Select
                    label={label('owner')}
                    data={options.users}
                    value={d.ownerUserId}
                    onChange={(v) => form.setData('ownerUserId', v)}
                    error={errors.ownerUserId}
                    searchable
                    required
                  />
                ) : (
                  <Select
                    label={label('team')}
                    description={label('team_help')}
                    data={options.teams}
                    value={d.teamId}
                    onChange={(v) => form.setData('teamId', v)}
                    error={errors.teamId}
                    clearable
                  />
                )}
                <Radio.Group
                  label={label('privacy')}
                  description={t('mail.mailboxes_admin.privacy_help')}
                  value={d.privacy}
                  onChange={(v) => form.setData('privacy', v as PrivacyDto)}
                  error={errors.privacy}
                >
                  <Stack gap={6} mt={6}>
                    {PRIVACY.map((p) => (
                      <Radio key={p} value={p} label={t(`mail.mailboxes_admin.privacy.${p}`)} />
                    ))}
                  </Stack>
                </Radio.Group>
                <Switch
                  label={label('enabled')}
                  checked={d.enabled}
                  onChange={(e) => form.setData('enabled', e.currentTarget.checked)}
                />
              </Stack>
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Stack gap="md">
              {d.kind !== 'archive' && (
                <ServerSection
                  target="imap"
                  values={d.imap}
                  errors={errors}
                  onChange={(patch) => form.setData('imap', { ...d.imap, ...patch })}
                  passwordStored={!!m?.imapPasswordStored}
                  mailboxId={m?.id ?? null}
                  onFolders={setServerFolders}
                >
                  <MultiSelect
                    label={label('folders')}
                    description={label('folders_help')}
                    data={folderChoices}
                    value={d.folders}
                    onChange={(v) => form.setData('folders', v)}
                    error={errors.folders}
                    searchable
                  />
                </ServerSection>
              )}
              <ServerSection
                target="smtp"
                values={d.smtp}
                errors={errors}
                onChange={(patch) => form.setData('smtp', { ...d.smtp, ...patch })}
                passwordStored={!!m?.smtpPasswordStored}
                mailboxId={m?.id ?? null}
              />
            </Stack>
          </Grid.Col>
        </Grid>
        <Group justify="space-between" align="flex-end" wrap="wrap">
          {m ? (
            <ConfirmButton
              mt="md"
              variant="subtle"
              label={t('mail.mailboxes_admin.delete')}
              title={t('mail.mailboxes_admin.delete_title', { name: m.name })}
              message={<Text size="sm">{t('mail.mailboxes_admin.delete_message')}</Text>}
              onConfirm={() => router.delete(`/mail/mailboxes/${m.id}`)}
              data-testid="delete-mailbox"
            />
          ) : (
            <span />
          )}
          <FormFooter cancelHref={LIST} processing={form.processing} />
        </Group>
      </form>
    </>
  )
}
