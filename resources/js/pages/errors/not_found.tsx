import { ErrorPage, bareLayout } from '~/ui/error_page'

export default function NotFound() {
  return (
    <ErrorPage
      status={404}
      titleKey="errors.not_found.title"
      messageKey="errors.not_found.message"
    />
  )
}

NotFound.layout = bareLayout
