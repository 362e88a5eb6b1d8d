import { router } from '@inertiajs/react'
import { ConfirmButton, useT } from '~/ui'

/** The record page's "Eliminar": to the recycle bin after a confirmation (then the list). */
export function DeleteOpportunityButton({ id, allowed }: { id: number; allowed: boolean }) {
  const { t } = useT()
  if (!allowed) return null
  return (
    <ConfirmButton
      size="xs"
      variant="subtle"
      label={t('common.delete')}
      title={t('crm.bin.delete_title')}
      message={t('crm.bin.delete_message')}
      onConfirm={() => router.delete(`/crm/opportunities/${id}`)}
      data-testid="delete-opportunity"
    />
  )
}
