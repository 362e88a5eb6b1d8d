import { Head, router } from '@inertiajs/react'
import {
  Badge,
  Button,
  Card,
  Group,
  SimpleGrid,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core'
import { IconDownload, IconPackage, IconPackages } from '@tabler/icons-react'
import { ConfirmButton, EmptyState, PageHeader, useT } from '~/ui'

interface ModuleCard {
  name: string
  label: string
  description: string
  version: string
  tier: 'basico' | 'profesional' | 'empresa'
  dependsOn: { name: string; label: string }[]
  source: 'builtin' | 'package'
  packageName: string | null
  installed: boolean
  licensed: boolean
  neededBy: { name: string; label: string }[]
}

const TIER_COLORS = { basico: 'blue', profesional: 'violet', empresa: 'orange' } as const

export default function ModulesIndex({
  modules,
}: {
  modules: ModuleCard[]
  licensedTier: string
  mode: string
}) {
  const { t } = useT()
  // A module without translations (e.g. a package under development) shows its technical name.
  const label = (key: string, fallback: string) => (t(key) === key ? fallback : t(key))
  const names = (refs: { name: string; label: string }[]) =>
    refs.map((r) => label(r.label, r.name)).join(', ')

  return (
    <>
      <Head title={t('admin.modules.title')} />
      <PageHeader
        title={t('admin.modules.title')}
        subtitle={t('admin.modules.subtitle')}
        crumbs={[{ label: t('admin.nav.title') }, { label: t('admin.modules.title') }]}
      />
      {modules.length === 0 ? (
        <EmptyState
          title={t('admin.modules.empty_title')}
          description={t('admin.modules.empty_description')}
        />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
          {modules.map((m) => {
            const name = label(m.label, m.name)
            const tier = t(`admin.modules.tiers.${m.tier}`)
            const status = !m.installed
              ? 'not_installed'
              : m.licensed
                ? 'installed'
                : 'not_licensed'
            return (
              <Card
                key={m.name}
                withBorder
                radius="md"
                padding="lg"
                data-testid={`module-${m.name}`}
              >
                <Stack gap="sm" h="100%">
                  <Group justify="space-between" align="flex-start" wrap="nowrap">
                    <Group gap="sm" wrap="nowrap">
                      <ThemeIcon variant="light" size={40} radius="md">
                        {m.source === 'package' ? (
                          <IconPackages size={22} />
                        ) : (
                          <IconPackage size={22} />
                        )}
                      </ThemeIcon>
                      <div>
                        <Title order={4}>{name}</Title>
                        <Text size="xs" c="dimmed">
                          {t('admin.modules.version', { version: m.version })}
                        </Text>
                      </div>
                    </Group>
                    <Badge color={TIER_COLORS[m.tier]} variant="light" tt="none">
                      {tier}
                    </Badge>
                  </Group>
                  <Text size="sm" c="dimmed" style={{ flexGrow: 1 }}>
                    {label(m.description, '')}
                  </Text>
                  <Stack gap={2}>
                    {m.dependsOn.length > 0 && (
                      <Text size="xs">
                        {t('admin.modules.depends_on', { modules: names(m.dependsOn) })}
                      </Text>
                    )}
                    {m.neededBy.length > 0 && (
                      <Text size="xs">
                        {t('admin.modules.needed_by', { modules: names(m.neededBy) })}
                      </Text>
                    )}
                    <Text size="xs" c="dimmed">
                      {m.source === 'package'
                        ? t('admin.modules.source.package', { name: m.packageName ?? m.name })
                        : t('admin.modules.source.builtin')}
                    </Text>
                  </Stack>
                  <Group justify="space-between" align="center" gap="xs">
                    <Badge
                      variant="dot"
                      tt="none"
                      color={
                        status === 'installed'
                          ? 'teal'
                          : status === 'not_licensed'
                            ? 'orange'
                            : 'gray'
                      }
                    >
                      {t(`admin.modules.status.${status}`)}
                    </Badge>
                    {m.installed ? (
                      <ConfirmButton
                        size="xs"
                        variant="subtle"
                        label={t('admin.modules.uninstall')}
                        title={t('admin.modules.uninstall_title')}
                        message={t('admin.modules.uninstall_message', { module: name })}
                        confirmLabel={t('admin.modules.uninstall')}
                        onConfirm={() =>
                          router.post(
                            `/admin/modules/${m.name}/uninstall`,
                            {},
                            { preserveScroll: true }
                          )
                        }
                      />
                    ) : (
                      <Button
                        size="xs"
                        leftSection={<IconDownload size={14} />}
                        disabled={!m.licensed}
                        onClick={() =>
                          router.post(
                            `/admin/modules/${m.name}/install`,
                            {},
                            { preserveScroll: true }
                          )
                        }
                      >
                        {t('admin.modules.install')}
                      </Button>
                    )}
                  </Group>
                  {!m.licensed && (
                    <Text size="xs" c="orange.8">
                      {t('admin.modules.requires_tier', { tier })}
                    </Text>
                  )}
                </Stack>
              </Card>
            )
          })}
        </SimpleGrid>
      )}
    </>
  )
}
