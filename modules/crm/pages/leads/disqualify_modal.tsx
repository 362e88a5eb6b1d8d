import { useState } from 'react'
import { router } from '@inertiajs/react'
import { Button, Group, Modal, Select, Stack } from '@mantine/core'
import { useT, type Option } from '~/ui'

/** "Descartar": closes an open lead with a reason of the organization's list. */
export function DisqualifyModal({
  opened,
  onClose,
  reasons,
  url,
}: {
  opened: boolean
  onClose: () => void
  reasons: Option[]
  url: string
}) {
  const { t } = useT()
  const [reason, setReason] = useState<string | null>(null)
  return (
    <Modal opened={opened} onClose={onClose} title={t('crm.leads.disqualify.title')}>
      <Stack>
        <Select
          label={t('crm.leads.disqualify.reason')}
          data={reasons}
          value={reason}
          onChange={setReason}
          required
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            disabled={!reason}
            onClick={() => router.post(url, { reason }, { onSuccess: onClose })}
          >
            {t('crm.leads.disqualify.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
