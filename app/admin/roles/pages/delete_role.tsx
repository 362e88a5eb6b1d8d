import { useId } from 'react'
import { router } from '@inertiajs/react'
import { Button, Tooltip, VisuallyHidden, type ButtonProps } from '@mantine/core'
import { ConfirmButton, useT } from '~/ui'

export interface RoleHolders {
  id: number
  name: string
  /** How many users hold the role. */
  users: number
  /** The first of them by name. */
  holders: string[]
}

/** "Ana, Luis y Marta", or "Ana, Luis y 3 más" when only the first names came. */
export function useHoldersText() {
  const { t, locale } = useT()
  return (role: RoleHolders) => {
    const more = role.users - role.holders.length
    if (more > 0)
      return t('admin.roles.holders_more', { names: role.holders.join(', '), count: more })
    return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(role.holders)
  }
}

/**
 * Delete, behind a confirmation; for a role somebody holds, a disabled button that says why
 * (tooltip, and the same text for screen readers) instead of a dialog the server would refuse.
 */
export function DeleteRoleButton({
  role,
  label,
  preserveScroll = false,
  ...buttonProps
}: ButtonProps & {
  role: RoleHolders
  label: string
  preserveScroll?: boolean
}) {
  const { t } = useT()
  const holders = useHoldersText()
  const reasonId = useId()
  if (role.users > 0) {
    const reason = t('admin.roles.in_use_reason', { count: role.users, names: holders(role) })
    return (
      <Tooltip
        label={reason}
        multiline
        w={280}
        withArrow
        events={{ hover: true, focus: true, touch: true }}
      >
        <Button
          color="red"
          variant="light"
          {...buttonProps}
          data-disabled
          aria-disabled="true"
          aria-describedby={reasonId}
          onClick={(e) => e.preventDefault()}
          data-testid={`delete-role-${role.id}`}
        >
          {label}
          <VisuallyHidden id={reasonId}>{reason}</VisuallyHidden>
        </Button>
      </Tooltip>
    )
  }
  return (
    <ConfirmButton
      {...buttonProps}
      label={label}
      title={t('admin.roles.delete_title')}
      message={t('admin.roles.delete_message', { name: role.name })}
      onConfirm={() => router.delete(`/admin/roles/${role.id}`, { preserveScroll })}
      data-testid={`delete-role-${role.id}`}
    />
  )
}
