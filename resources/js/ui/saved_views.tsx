import { useState } from 'react'
import { router, usePage } from '@inertiajs/react'
import { ActionIcon, Button, Group, Menu, Modal, Select, Tabs, Text, Tooltip } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import {
  IconDeviceFloppy,
  IconDots,
  IconPencil,
  IconRefresh,
  IconShare,
  IconStar,
  IconStarOff,
  IconTrash,
  IconUsers,
} from '@tabler/icons-react'
import { useT } from './i18n'
import { usePhone } from './layout_helpers'
import { SavedViewModal, type ViewForm, type ViewModalMode } from './saved_view_modal'
import {
  canonicalState,
  viewHref,
  viewsApi,
  type ApiResult,
  type SavedView,
  type SavedViewsPageProps,
} from './saved_views_api'

const ONLY = ['views', 'currentViewId', 'defaultViewId']

/** A tab's label: the name, marked when shared and when it is the user's default. */
function ViewLabel({ view, isDefault }: { view: SavedView; isDefault: boolean }) {
  const { t } = useT()
  return (
    <Group gap={4} wrap="nowrap">
      <span>{view.name}</span>
      {view.visibility === 'shared' && (
        <Tooltip
          label={view.mine ? t('views.shared_badge') : t('views.owner', { name: view.ownerName })}
        >
          <IconUsers size={14} aria-label={t('views.shared_badge')} role="img" />
        </Tooltip>
      )}
      {isDefault && <IconStar size={14} aria-label={t('views.default')} role="img" />}
    </Group>
  )
}

/**
 * Saved views over a list (any module's): "Todos" and the views the user sees as tabs (a
 * Select at phone width), "Guardar vista" when the address bar differs from the current tab,
 * and a menu for the current view. The page's props come from `savedViewsProps` (app/views).
 */
export function SavedViews({ resource }: { resource: string }) {
  const { t } = useT()
  const phone = usePhone()
  const page = usePage<SavedViewsPageProps & Record<string, unknown>>()
  const { views = [], currentViewId = null, defaultViewId = null } = page.props
  const [path, query = ''] = page.url.split('?')
  const state = canonicalState(query)
  const current = views.find((v) => v.id === currentViewId) ?? null
  const dirty = current ? state !== current.state : state !== ''
  const [modal, setModal] = useState<ViewModalMode | null>(null)
  const [deleting, setDeleting] = useState(false)

  const go = (value: string | null) => {
    if (!value) return
    const view = views.find((v) => String(v.id) === value)
    router.visit(viewHref(path, view ?? 'all'))
  }
  const reload = () => router.reload({ only: ONLY })
  const failed = (result: ApiResult<unknown>) => {
    if (!result.ok && result.status !== 422)
      notifications.show({ color: 'red', message: t('views.failed') })
    return result
  }
  const done = (key: string, name: string) =>
    notifications.show({ color: 'green', message: t(key, { name }) })

  const submit = async (form: ViewForm) => {
    const sharing = {
      visibility: form.visibility,
      roles: form.roles.map(Number),
      teams: form.teams.map(Number),
    }
    if (modal === 'create') {
      const result = await viewsApi<{ view: SavedView }>('POST', '/views', {
        resource,
        name: form.name,
        state,
        default: form.isDefault,
        ...sharing,
      })
      if (result.ok) {
        setModal(null)
        done('views.saved', result.body.view.name)
        router.visit(viewHref(path, result.body.view))
      }
      return failed(result)
    }
    const body = modal === 'rename' ? { name: form.name } : sharing
    const result = await viewsApi<{ view: SavedView }>('PUT', `/views/${current!.id}`, body)
    if (result.ok) {
      setModal(null)
      done('views.updated', result.body.view.name)
      reload()
    }
    return failed(result)
  }

  const updateState = async () => {
    const result = failed(await viewsApi('PUT', `/views/${current!.id}`, { state }))
    if (result.ok) {
      done('views.updated', current!.name)
      router.visit(viewHref(path, { id: current!.id, state }))
    }
  }
  const toggleDefault = async () => {
    const view = current?.id === defaultViewId ? null : current!.id
    const result = failed(await viewsApi('PUT', '/views/default', { resource, view }))
    if (!result.ok) return
    if (view) done('views.default_set', current!.name)
    else notifications.show({ message: t('views.default_cleared') })
    reload()
  }
  const remove = async () => {
    const result = failed(await viewsApi('DELETE', `/views/${current!.id}`))
    setDeleting(false)
    if (!result.ok) return
    done('views.deleted', current!.name)
    router.visit(viewHref(path, 'all'))
  }

  const initial: ViewForm =
    modal === 'create' || !current
      ? { name: '', visibility: 'private', roles: [], teams: [], isDefault: false }
      : {
          name: current.name,
          visibility: current.visibility,
          roles: current.roles.map(String),
          teams: current.teams.map(String),
          isDefault: false,
        }

  const value = current ? String(current.id) : 'all'
  const switcher = phone ? (
    <Select
      aria-label={t('views.label')}
      leftSection={
        <Text size="sm" c="dimmed">
          {t('views.label')}:
        </Text>
      }
      leftSectionWidth={56}
      value={value}
      onChange={go}
      allowDeselect={false}
      data={[
        { value: 'all', label: t('views.all') },
        ...views.map((v) => ({
          value: String(v.id),
          label: v.id === defaultViewId ? `${v.name} ★` : v.name,
        })),
      ]}
      style={{ flex: 1, minWidth: 0 }}
      data-testid="view-select"
    />
  ) : (
    <Tabs value={value} onChange={go} activateTabWithKeyboard={false} style={{ minWidth: 0 }}>
      <Tabs.List style={{ flexWrap: 'wrap' }}>
        <Tabs.Tab value="all">{t('views.all')}</Tabs.Tab>
        {views.map((v) => (
          <Tabs.Tab key={v.id} value={String(v.id)} data-testid={`view-tab-${v.id}`}>
            <ViewLabel view={v} isDefault={v.id === defaultViewId} />
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  )

  return (
    <Group gap="xs" mb="sm" wrap="nowrap" align="center" data-testid="saved-views">
      <div style={{ flex: 1, minWidth: 0 }}>{switcher}</div>
      {current && (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon
              variant="subtle"
              aria-label={t('views.actions', { name: current.name })}
              data-testid="view-menu"
            >
              <IconDots size={18} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            {current.manageable && (
              <>
                <Menu.Item
                  leftSection={<IconPencil size={16} />}
                  onClick={() => setModal('rename')}
                >
                  {t('views.rename')}
                </Menu.Item>
                <Menu.Item
                  leftSection={<IconRefresh size={16} />}
                  disabled={!dirty}
                  onClick={updateState}
                >
                  {t('views.update')}
                </Menu.Item>
                <Menu.Item leftSection={<IconShare size={16} />} onClick={() => setModal('share')}>
                  {t('views.share')}
                </Menu.Item>
              </>
            )}
            <Menu.Item
              leftSection={
                current.id === defaultViewId ? <IconStarOff size={16} /> : <IconStar size={16} />
              }
              onClick={toggleDefault}
            >
              {t(current.id === defaultViewId ? 'views.clear_default' : 'views.make_default')}
            </Menu.Item>
            {current.manageable && (
              <Menu.Item
                color="red"
                leftSection={<IconTrash size={16} />}
                onClick={() => setDeleting(true)}
              >
                {t('views.delete')}
              </Menu.Item>
            )}
          </Menu.Dropdown>
        </Menu>
      )}
      {dirty && (
        <Button
          variant="light"
          size="xs"
          leftSection={<IconDeviceFloppy size={16} />}
          onClick={() => setModal('create')}
          data-testid="save-view"
          style={{ flexShrink: 0 }}
        >
          {t('views.save')}
        </Button>
      )}
      <SavedViewModal
        key={modal ?? 'closed'}
        mode={modal ?? 'create'}
        opened={modal !== null}
        initial={initial}
        onClose={() => setModal(null)}
        onSubmit={submit}
      />
      <Modal
        opened={deleting}
        onClose={() => setDeleting(false)}
        title={t('views.delete_title')}
        centered
      >
        <Text size="sm">{t('views.delete_message', { name: current?.name ?? '' })}</Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={() => setDeleting(false)}>
            {t('common.cancel')}
          </Button>
          <Button color="red" onClick={remove} data-testid="confirm">
            {t('common.delete')}
          </Button>
        </Group>
      </Modal>
    </Group>
  )
}
