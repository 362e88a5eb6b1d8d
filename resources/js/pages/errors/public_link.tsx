import { ErrorPage, bareLayout } from '~/ui/error_page'

/** A module's public link refused: tampered or for another purpose (403), or expired (410). */
export default function PublicLink({
  status,
  reason,
}: {
  status: number
  reason: 'link_invalid' | 'link_expired'
}) {
  return (
    <ErrorPage
      status={status}
      titleKey={`errors.public.${reason}.title`}
      messageKey={`errors.public.${reason}.message`}
    />
  )
}

PublicLink.layout = bareLayout
