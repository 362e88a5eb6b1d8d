import { usePage } from '@inertiajs/react'
import type { SharedProps } from './types'

/** Whether the signed-in user holds a permission (administrators hold all). Hides buttons only;
 * the server enforces every permission. */
export function useCan() {
  const { shell } = usePage<SharedProps>().props
  return (permission: string) =>
    shell.permissions.includes('*') || shell.permissions.includes(permission)
}
