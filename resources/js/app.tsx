import '@mantine/core/styles.css'
import '@mantine/notifications/styles.css'
import '@mantine/dates/styles.css'
import '@mantine/dropzone/styles.css'
import '@mantine/spotlight/styles.css'
import '../css/app.css'
import type { ComponentType, ReactNode } from 'react'
import { createRoot } from 'react-dom/client'
import { createInertiaApp } from '@inertiajs/react'
import { MantineProvider } from '@mantine/core'
import { Notifications } from '@mantine/notifications'
import { DatesProvider } from '@mantine/dates'
import 'dayjs/locale/es'
import { AppLayout } from './ui/app_layout'
import { theme } from './ui/theme'
import modulePackages from 'virtual:cartera/module-packages'

/*
 * Page names: kernel pages live in resources/js/pages/<name>.tsx; Administración's beside each
 * feature, app/admin/<feature>/pages/<rest>.tsx, named "admin/<feature>/<rest>"; a module's pages in
 * modules/<module>/pages/<rest>.tsx and are named "<module>/<rest>"; a module package's in the
 * package's pages/<rest>.{tsx,jsx} (listed by vite.config.ts, `virtual:cartera/module-packages`).
 */
const kernelPages = import.meta.glob('./pages/**/*.tsx')
const adminPages = import.meta.glob('../../app/admin/*/pages/**/*.tsx')
const modulePages = import.meta.glob('../../modules/*/pages/**/*.tsx')

type PageComponent = ComponentType<any> & { layout?: (page: ReactNode) => ReactNode }
type PageModule = { default: PageComponent }

async function resolvePage(name: string): Promise<PageComponent> {
  const kernel = kernelPages[`./pages/${name}.tsx`]
  const [module, ...rest] = name.split('/')
  const admin =
    module === 'admin' && rest.length > 1
      ? adminPages[`../../app/admin/${rest[0]}/pages/${rest.slice(1).join('/')}.tsx`]
      : undefined
  const fromModule = modulePages[`../../modules/${module}/pages/${rest.join('/')}.tsx`]
  const pkg = modulePackages[module]
  const fromPackage =
    pkg &&
    (pkg.pages[`${pkg.prefix}${rest.join('/')}.tsx`] ??
      pkg.pages[`${pkg.prefix}${rest.join('/')}.jsx`])
  const loader = kernel ?? admin ?? fromModule ?? fromPackage
  if (!loader) throw new Error(`Page not found: ${name}`)
  const page = (await loader()) as PageModule
  page.default.layout ??= (children: ReactNode) => <AppLayout>{children}</AppLayout>
  return page.default
}

createInertiaApp({
  progress: { color: '#4263eb', delay: 150 },
  title: (title) => (title ? `${title} · Cartera` : 'Cartera'),
  resolve: resolvePage,
  setup({ el, App, props }) {
    const locale = (props.initialPage.props as { locale?: string }).locale ?? 'es'
    createRoot(el).render(
      <MantineProvider theme={theme}>
        <DatesProvider settings={{ locale, firstDayOfWeek: 1 }}>
          {/* Placed by .cartera-toasts (app.css): never over the header and its logo. */}
          <Notifications position="top-right" className="cartera-toasts" />
          <App {...props} />
        </DatesProvider>
      </MantineProvider>
    )
  },
})
