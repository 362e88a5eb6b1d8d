import type { ReactNode } from 'react'
import { Link } from '@inertiajs/react'
import { Button, Flex } from '@mantine/core'
import { useT } from './i18n'

/**
 * The buttons at the foot of every form, in one order: on a desktop, right-aligned, the
 * secondary "Cancelar" left of the primary "Guardar"; on a phone, full width and stacked with
 * the primary on top (within thumb reach). In the DOM Cancel comes first, so the tab order
 * is the same at every width. Without `cancelHref` there is only the primary button.
 */
export function FormFooter({
  cancelHref,
  processing = false,
  submitLabel,
  children,
  mt = 'md',
}: {
  cancelHref?: string
  processing?: boolean
  /** The primary button's text; "Guardar" by default. */
  submitLabel?: string
  /** Extra secondary buttons, placed before Cancel. */
  children?: ReactNode
  mt?: string | number
}) {
  const { t } = useT()
  return (
    <Flex
      mt={mt}
      gap="sm"
      direction={{ base: 'column-reverse', sm: 'row' }}
      justify="flex-end"
      align={{ base: 'stretch', sm: 'center' }}
      data-testid="form-footer"
    >
      {children}
      {cancelHref && (
        <Button component={Link} href={cancelHref} variant="default">
          {t('common.cancel')}
        </Button>
      )}
      <Button type="submit" loading={processing} data-testid="save">
        {submitLabel ?? t('common.save')}
      </Button>
    </Flex>
  )
}
