import { useState } from 'react'
import { Group, Select, TextInput } from '@mantine/core'
import { useT, type Option } from '~/ui'

/** The board's filters as the server parsed them from the address bar. */
export interface Filters {
  teamId: number | null
  ownerId: number | null
  source: string | null
  status: string | null
  priority: number | null
  closeFrom: string | null
  closeTo: string | null
  q: string | null
}

/** The board's filters (the same the list has); each change reloads the board. */
export function BoardFilters({
  filters,
  teams,
  owners,
  sources,
  visit,
}: {
  filters: Filters
  teams: Option[]
  owners: Option[]
  sources: Option[]
  visit: (next: Partial<Filters>) => void
}) {
  const { t } = useT()
  const [search, setSearch] = useState(filters.q ?? '')
  const props = { teams, owners, sources }
  return (
    <Group gap="sm" mb="md" wrap="wrap" align="flex-end">
      <Select
        label={t('crm.opportunities.team')}
        data={props.teams}
        value={filters.teamId ? String(filters.teamId) : null}
        placeholder={t('crm.opportunities.default_pipeline')}
        clearable
        onChange={(v) => visit({ teamId: v ? Number(v) : null })}
        w={220}
      />
      <Select
        label={t('crm.opportunities.fields.owner')}
        data={props.owners}
        value={filters.ownerId ? String(filters.ownerId) : null}
        clearable
        searchable
        onChange={(v) => visit({ ownerId: v ? Number(v) : null })}
        w={200}
      />
      <Select
        label={t('crm.opportunities.fields.source')}
        data={props.sources}
        value={filters.source}
        clearable
        onChange={(v) => visit({ source: v })}
        w={180}
      />
      <Select
        label={t('crm.opportunities.fields.status')}
        data={(['open', 'won', 'lost'] as const).map((v) => ({
          value: v,
          label: t(`crm.opportunities.status.${v}`),
        }))}
        value={filters.status}
        clearable
        onChange={(v) => visit({ status: v })}
        w={140}
      />
      <Select
        label={t('crm.opportunities.fields.priority')}
        data={['1', '2', '3'].map((v) => ({ value: v, label: '★'.repeat(Number(v)) }))}
        value={filters.priority ? String(filters.priority) : null}
        clearable
        onChange={(v) => visit({ priority: v ? Number(v) : null })}
        w={110}
      />
      <TextInput
        type="date"
        label={t('crm.opportunities.close_from')}
        defaultValue={filters.closeFrom ?? ''}
        onBlur={(e) => visit({ closeFrom: e.currentTarget.value || null })}
        w={160}
      />
      <TextInput
        type="date"
        label={t('crm.opportunities.close_to')}
        defaultValue={filters.closeTo ?? ''}
        onBlur={(e) => visit({ closeTo: e.currentTarget.value || null })}
        w={160}
      />
      <form
        onSubmit={(e) => {
          e.preventDefault()
          visit({ q: search || null })
        }}
      >
        <TextInput
          label={t('crm.opportunities.search')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={200}
        />
      </form>
    </Group>
  )
}
