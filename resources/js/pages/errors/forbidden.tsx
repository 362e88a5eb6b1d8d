import { ErrorPage, bareLayout } from '~/ui/error_page'
import { useT } from '~/ui'

export default function Forbidden({ module }: { module: string | null }) {
  const { t } = useT()
  return module ? (
    <ErrorPage
      status={403}
      titleKey="errors.module_disabled.title"
      messageKey="errors.module_disabled.message"
      values={{ module: t(`${module}.module.label`) }}
    />
  ) : (
    <ErrorPage
      status={403}
      titleKey="errors.forbidden.title"
      messageKey="errors.forbidden.message"
    />
  )
}

Forbidden.layout = bareLayout
