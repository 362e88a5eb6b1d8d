import { defineConfig } from '@adonisjs/inertia'
import type { InferSharedProps } from '@adonisjs/inertia/types'
import { shellProps } from '#app/ui/shell_props'

const inertiaConfig = defineConfig({
  rootView: 'inertia_layout',
  sharedData: {
    locale: (ctx) => ctx.inertia.always(() => ctx.i18n?.locale ?? 'es'),
    shell: (ctx) => ctx.inertia.always(() => shellProps(ctx)),
    flash: (ctx) =>
      ctx.inertia.always(() => ({
        success: (ctx.session?.flashMessages.get('success') as string | undefined) ?? null,
        error: (ctx.session?.flashMessages.get('error') as string | undefined) ?? null,
      })),
  },
  ssr: { enabled: false },
})

export default inertiaConfig

declare module '@adonisjs/inertia/types' {
  export interface SharedProps extends InferSharedProps<typeof inertiaConfig> {}
}
