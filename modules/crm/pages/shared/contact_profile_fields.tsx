import { Checkbox, Grid, Paper, Select, Text, TextInput, Title } from '@mantine/core'
import { useT } from '~/ui'
import type { ContactCatalog } from '../../dto/contacts'
import { selectData } from './lists'

/** The profile and GDPR fields of a contact form. */
export interface ProfileValues {
  gender: string
  language: string
  birthday: string
  consentStatus: string
  consentAt: string
  consentSource: string
  optedOut: boolean
  optedOutAt: string
  optOutSource: string
}

export const CONSENT_STATUSES = ['unknown', 'granted', 'denied'] as const

/**
 * The contact form's "Perfil" (gender, language, birthday) and "Comunicaciones (RGPD)"
 * sections: consent status, its day and source, and the opt-out with its day and source. A day
 * left empty is the day of the change (the server dates it).
 */
export function ContactProfileFields({
  values,
  catalog,
  errors,
  onChange,
}: {
  values: ProfileValues
  catalog: ContactCatalog
  errors: Record<string, string | undefined>
  onChange: (patch: Partial<ProfileValues>) => void
}) {
  const { t } = useT()
  const field = (name: string) => t(`crm.contacts.fields.${name}`)
  const inactive = t('crm.lists.inactive')
  const sources = selectData(catalog.sources, inactive)
  const dayInput = (name: 'birthday' | 'consentAt' | 'optedOutAt') => (
    <TextInput
      type="date"
      label={field(name)}
      value={values[name]}
      error={errors[name]}
      max={new Date().toISOString().slice(0, 10)}
      onChange={(e) => onChange({ [name]: e.currentTarget.value })}
      data-testid={`contact-${name}`}
    />
  )
  return (
    <>
      <Paper
        withBorder
        radius="md"
        p="md"
        component="section"
        aria-label={t('crm.sections.profile')}
      >
        <Title order={5} mb="sm">
          {t('crm.sections.profile')}
        </Title>
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, xs: 4 }}>
            <Select
              label={field('gender')}
              clearable
              value={values.gender || null}
              error={errors.gender}
              data={selectData(catalog.genders, inactive)}
              onChange={(v) => onChange({ gender: v ?? '' })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, xs: 4 }}>
            <Select
              label={field('language')}
              clearable
              searchable
              value={values.language || null}
              error={errors.language}
              data={catalog.languages.map((code) => ({
                value: code,
                label: t(`crm.languages.${code}`),
              }))}
              onChange={(v) => onChange({ language: v ?? '' })}
              data-testid="contact-language"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, xs: 4 }}>{dayInput('birthday')}</Grid.Col>
        </Grid>
      </Paper>
      <Paper
        withBorder
        radius="md"
        p="md"
        component="section"
        aria-label={t('crm.sections.consent')}
      >
        <Title order={5}>{t('crm.sections.consent')}</Title>
        <Text size="xs" c="dimmed" mb="sm">
          {t('crm.consent.help')}
        </Text>
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, xs: 4 }}>
            <Select
              label={field('consentStatus')}
              allowDeselect={false}
              value={values.consentStatus}
              error={errors.consentStatus}
              data={CONSENT_STATUSES.map((s) => ({
                value: s,
                label: t(`crm.consent.statuses.${s}`),
              }))}
              onChange={(v) => v && onChange({ consentStatus: v })}
              data-testid="contact-consent"
            />
          </Grid.Col>
          {values.consentStatus !== 'unknown' && (
            <>
              <Grid.Col span={{ base: 12, xs: 4 }}>{dayInput('consentAt')}</Grid.Col>
              <Grid.Col span={{ base: 12, xs: 4 }}>
                <Select
                  label={field('consentSource')}
                  clearable
                  value={values.consentSource || null}
                  error={errors.consentSource}
                  data={sources}
                  onChange={(v) => onChange({ consentSource: v ?? '' })}
                />
              </Grid.Col>
            </>
          )}
          <Grid.Col span={12}>
            <Checkbox
              label={field('optedOut')}
              checked={values.optedOut}
              error={errors.optedOut}
              onChange={(e) => onChange({ optedOut: e.currentTarget.checked })}
              data-testid="contact-opted-out"
            />
          </Grid.Col>
          {values.optedOut && (
            <>
              <Grid.Col span={{ base: 12, xs: 6 }}>{dayInput('optedOutAt')}</Grid.Col>
              <Grid.Col span={{ base: 12, xs: 6 }}>
                <Select
                  label={field('optOutSource')}
                  clearable
                  value={values.optOutSource || null}
                  error={errors.optOutSource}
                  data={sources}
                  onChange={(v) => onChange({ optOutSource: v ?? '' })}
                />
              </Grid.Col>
            </>
          )}
        </Grid>
      </Paper>
    </>
  )
}
