import { type ReactNode, useState } from 'react'
import { Button, Group, Modal, Text, type ButtonProps } from '@mantine/core'
import { useT } from './i18n'

/** An action behind a confirmation dialog (destructive, red, unless told otherwise). */
export function ConfirmButton({
  label,
  title,
  message,
  confirmLabel,
  confirmColor = 'red',
  onConfirm,
  loading,
  ...buttonProps
}: ButtonProps & {
  label: ReactNode
  title: string
  message: ReactNode
  confirmLabel?: string
  /** Colour of the dialog's confirm button (red: the action destroys something). */
  confirmColor?: string
  onConfirm: () => void
  loading?: boolean
}) {
  const { t } = useT()
  const [open, setOpen] = useState(false)
  return (
    <>
      <Button color="red" variant="light" {...buttonProps} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={title} centered>
        <Text size="sm">{message}</Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={() => setOpen(false)}>
            {t('common.cancel')}
          </Button>
          <Button
            color={confirmColor}
            loading={loading}
            onClick={() => {
              onConfirm()
              setOpen(false)
            }}
            data-testid="confirm"
          >
            {confirmLabel ?? t('common.delete')}
          </Button>
        </Group>
      </Modal>
    </>
  )
}
