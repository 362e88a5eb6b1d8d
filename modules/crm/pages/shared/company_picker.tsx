import { RecordPicker, useT } from '~/ui'
import type { ComponentProps } from 'react'

type Props = Omit<ComponentProps<typeof RecordPicker>, 'searchUrl' | 'hiddenLabel' | 'nothingFound'>

/** The companies the user may see, searched by name prefix as the user types. */
export function CompanyPicker(props: Props) {
  const { t } = useT()
  return (
    <RecordPicker
      {...props}
      searchUrl="/crm/companies/lookup"
      hiddenLabel={t('crm.contacts.hidden_company')}
      nothingFound={t('crm.contacts.company_search')}
    />
  )
}
