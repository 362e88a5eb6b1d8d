import { Grid, Paper, Title } from '@mantine/core'
import { ChannelFields } from './channel_fields'
import type { EmailValue, PhoneValue } from './record_types'

type Errors = Record<string, string | undefined>

/** Phones and e-mails side by side (stacked on a phone), each in its own titled section. */
export function ChannelSections({
  title,
  phones,
  emails,
  onPhones,
  onEmails,
  errors,
}: {
  title: (kind: 'phones' | 'emails') => string
  phones: PhoneValue[]
  emails: EmailValue[]
  onPhones: (items: PhoneValue[]) => void
  onEmails: (items: EmailValue[]) => void
  errors: Errors
}) {
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Paper withBorder radius="md" p="md" h="100%">
          <Title order={5} mb="sm">
            {title('phones')}
          </Title>
          <ChannelFields kind="phones" items={phones} onChange={onPhones} errors={errors} />
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Paper withBorder radius="md" p="md" h="100%">
          <Title order={5} mb="sm">
            {title('emails')}
          </Title>
          <ChannelFields kind="emails" items={emails} onChange={onEmails} errors={errors} />
        </Paper>
      </Grid.Col>
    </Grid>
  )
}
