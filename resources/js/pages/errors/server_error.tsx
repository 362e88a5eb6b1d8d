import { ErrorPage, bareLayout } from '~/ui/error_page'

export default function ServerError() {
  return (
    <ErrorPage
      status={500}
      titleKey="errors.server_error.title"
      messageKey="errors.server_error.message"
    />
  )
}

ServerError.layout = bareLayout
