import { useState } from 'react'
import {
  Alert,
  Button,
  Grid,
  NumberInput,
  Paper,
  PasswordInput,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { IconPlugConnected } from '@tabler/icons-react'
import { useT } from '~/ui'
import { apiJson } from '~/ui/api'
import type { ConnectionTestDto, SecurityDto } from '../../dto/mailboxes_admin'

const SECURITY: SecurityDto[] = ['tls', 'starttls', 'none']
/** The usual port of each security mode, set when the mode changes. */
const PORTS: Record<'imap' | 'smtp', Record<SecurityDto, number>> = {
  imap: { tls: 993, starttls: 143, none: 143 },
  smtp: { tls: 465, starttls: 587, none: 25 },
}

export interface ServerValues {
  host: string
  port: number | string
  security: SecurityDto
  user: string
  password: string
}

/**
 * One server's fields (IMAP or SMTP) with its test button: the answer is read aloud (role
 * status/alert) in plain words, and an IMAP success hands the server's folders to the form.
 */
export function ServerSection({
  target,
  values,
  errors,
  onChange,
  passwordStored,
  mailboxId,
  onFolders,
  children,
}: {
  target: 'imap' | 'smtp'
  values: ServerValues
  errors: Record<string, string | undefined>
  onChange: (patch: Partial<ServerValues>) => void
  passwordStored: boolean
  mailboxId: number | null
  onFolders?: (folders: string[]) => void
  children?: React.ReactNode
}) {
  const { t } = useT()
  const [result, setResult] = useState<ConnectionTestDto | null>(null)
  const [running, setRunning] = useState(false)
  const label = (field: string) => t(`mail.mailboxes_admin.fields.${field}`)
  const field = (name: string) => `${target}${name[0].toUpperCase()}${name.slice(1)}`
  const test = async () => {
    setRunning(true)
    setResult(null)
    try {
      const answer = await apiJson<ConnectionTestDto>('POST', '/mail/mailboxes/test', {
        target,
        mailboxId,
        host: values.host,
        port: Number(values.port) || null,
        security: values.security,
        user: values.user || null,
        password: values.password || null,
      })
      const body = answer.body
      const message = body.message ?? body.errors?.map((e) => e.message).join(' ') ?? ''
      setResult({ ok: !!body.ok, code: body.code ?? null, message, folders: body.folders })
      if (body.ok && body.folders && onFolders) onFolders(body.folders)
    } finally {
      setRunning(false)
    }
  }
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <Title order={4}>{t(`mail.mailboxes_admin.sections.${target}`)}</Title>
        <Text size="sm" c="dimmed">
          {t(`mail.mailboxes_admin.sections.${target}_help`)}
        </Text>
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, sm: 8 }}>
            <TextInput
              label={label('host')}
              value={values.host}
              onChange={(e) => onChange({ host: e.currentTarget.value })}
              error={errors[field('host')]}
              autoComplete="off"
              required={target === 'imap'}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <NumberInput
              label={label('port')}
              value={values.port}
              min={1}
              max={65535}
              onChange={(v) => onChange({ port: v })}
              error={errors[field('port')]}
            />
          </Grid.Col>
        </Grid>
        <Select
          label={label('security')}
          data={SECURITY.map((s) => ({ value: s, label: t(`mail.mailboxes_admin.security.${s}`) }))}
          value={values.security}
          onChange={(v) => {
            const security = (v ?? 'tls') as SecurityDto
            onChange({ security, port: PORTS[target][security] })
          }}
          allowDeselect={false}
          error={errors[field('security')]}
        />
        <TextInput
          label={label('user')}
          value={values.user}
          onChange={(e) => onChange({ user: e.currentTarget.value })}
          error={errors[field('user')]}
          autoComplete="off"
        />
        <PasswordInput
          label={label('password')}
          description={passwordStored ? label('password_stored') : undefined}
          value={values.password}
          onChange={(e) => onChange({ password: e.currentTarget.value })}
          error={errors[field('password')]}
          autoComplete="new-password"
        />
        {children}
        <Button
          w="fit-content"
          variant="default"
          leftSection={<IconPlugConnected size={16} />}
          onClick={test}
          loading={running}
          disabled={!values.host}
          data-testid={`test-${target}`}
        >
          {t(`mail.mailboxes_admin.test.${target}`)}
        </Button>
        {result && (
          <Alert
            color={result.ok ? 'green' : 'red'}
            role={result.ok ? 'status' : 'alert'}
            data-testid={`test-${target}-result`}
          >
            {result.message}
          </Alert>
        )}
      </Stack>
    </Paper>
  )
}
