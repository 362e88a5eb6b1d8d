import { defineConfig } from '@adonisjs/inertia'
import type { InferSharedProps } from '@adonisjs/inertia/types'
import { emptyShell, shellProps } from '#app/ui/shell_props'

const inertiaConfig = defineConfig({
  rootView: 'inertia_layout',
  sharedData: {
    locale: (ctx) => ctx.inertia.always(() => ctx.i18n?.locale ?? 'es'),
    // A failure here must not take the error pages down with it: log it and render signed out.
    shell: (ctx) =>
      ctx.inertia.always(() =>
        shellProps(ctx).catch((error) => {
          ctx.logger.error({ err: error }, 'cannot build the page shell')
          return emptyShell()
        })
      ),
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
