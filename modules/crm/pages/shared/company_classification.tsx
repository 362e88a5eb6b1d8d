import { Grid, MultiSelect, Paper, Select, Textarea, Title } from '@mantine/core'
import { useT } from '~/ui'
import type { Catalog } from '../../dto/shared'
import { selectData } from './lists'
import { CompanyPicker } from './company_picker'

/** The classification fields of a company form (what the section edits). */
export interface ClassificationValues {
  industries: string[]
  parentId: string
  parentName: string | null
  zone: string
  status: string
  size: string
  strengths: string
  weaknesses: string
}

/**
 * The company form's "Clasificación y grupo" section: extra sectors, zone, status, size, the
 * group's parent company (the server refuses a cycle) and, for a competitor, its strengths and
 * weaknesses.
 */
export function CompanyClassification({
  values,
  type,
  catalog,
  errors,
  onChange,
}: {
  values: ClassificationValues
  /** The company's type: competitor notes show for `competidor`. */
  type: string
  catalog: Catalog
  errors: Record<string, string | undefined>
  onChange: (patch: Partial<ClassificationValues>) => void
}) {
  const { t } = useT()
  const field = (name: string) => t(`crm.companies.fields.${name}`)
  const inactive = t('crm.lists.inactive')
  const select = (name: 'zone' | 'status' | 'size', data: Catalog['zones']) => (
    <Select
      label={field(name)}
      clearable
      searchable
      value={values[name] || null}
      error={errors[name]}
      data={selectData(data, inactive)}
      onChange={(v) => onChange({ [name]: v ?? '' })}
      data-testid={`company-${name}`}
    />
  )
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-label={t('crm.sections.classification')}
    >
      <Title order={5} mb="sm">
        {t('crm.sections.classification')}
      </Title>
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <MultiSelect
            label={field('industries')}
            description={t('crm.companies.industries_help')}
            searchable
            clearable
            value={values.industries}
            error={errors.industries}
            data={selectData(catalog.industries, inactive)}
            onChange={(v) => onChange({ industries: v })}
            data-testid="company-industries"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <CompanyPicker
            label={field('parent')}
            description={t('crm.companies.parent_help')}
            clearable
            initial={
              values.parentId ? [{ value: values.parentId, label: values.parentName ?? '' }] : []
            }
            value={values.parentId || null}
            error={errors.parentId}
            onChange={(v) => onChange({ parentId: v ?? '' })}
            data-testid="company-parent"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, xs: 4 }}>{select('zone', catalog.zones)}</Grid.Col>
        <Grid.Col span={{ base: 12, xs: 4 }}>{select('status', catalog.statuses)}</Grid.Col>
        <Grid.Col span={{ base: 12, xs: 4 }}>{select('size', catalog.sizes)}</Grid.Col>
        {(type === 'competidor' || values.strengths || values.weaknesses) && (
          <>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Textarea
                label={field('strengths')}
                autosize
                minRows={2}
                maxRows={6}
                value={values.strengths}
                error={errors.strengths}
                onChange={(e) => onChange({ strengths: e.currentTarget.value })}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Textarea
                label={field('weaknesses')}
                autosize
                minRows={2}
                maxRows={6}
                value={values.weaknesses}
                error={errors.weaknesses}
                onChange={(e) => onChange({ weaknesses: e.currentTarget.value })}
              />
            </Grid.Col>
          </>
        )}
      </Grid>
    </Paper>
  )
}
