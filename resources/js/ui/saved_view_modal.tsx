import { useEffect, useState } from 'react'
import {
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
} from '@mantine/core'
import { useT } from './i18n'
import type { Option } from './record_types'
import { fieldErrors, viewsApi, type ApiResult } from './saved_views_api'

export interface ViewForm {
  name: string
  visibility: 'private' | 'shared'
  roles: string[]
  teams: string[]
  isDefault: boolean
}

/** What the dialog asks: a new view (everything), a rename (name) or the sharing. */
export type ViewModalMode = 'create' | 'rename' | 'share'

let targetsCache: Promise<{ roles: Option[]; teams: Option[] }> | null = null
function loadTargets() {
  targetsCache ??= viewsApi<{ roles: Option[]; teams: Option[] }>('GET', '/views/targets').then(
    (r) => (r.ok ? r.body : { roles: [], teams: [] })
  )
  return targetsCache
}

/**
 * The saved-view dialog; mount it with a key per opening (it starts from `initial`).
 * `onSubmit` sends the form; a 422 answer's messages show at their fields (announced: Mantine
 * links each error to its input with aria-describedby).
 */
export function SavedViewModal({
  mode,
  opened,
  initial,
  onClose,
  onSubmit,
}: {
  mode: ViewModalMode
  opened: boolean
  initial: ViewForm
  onClose: () => void
  onSubmit: (form: ViewForm) => Promise<ApiResult<unknown>>
}) {
  const { t } = useT()
  const [form, setForm] = useState(initial)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const [targets, setTargets] = useState<{ roles: Option[]; teams: Option[] } | null>(null)
  const sharing = mode !== 'rename'
  useEffect(() => {
    if (opened && sharing && form.visibility === 'shared' && !targets)
      void loadTargets().then(setTargets)
  }, [opened, sharing, form.visibility, targets])

  const title = t(`views.${mode === 'create' ? 'save_title' : `${mode}_title`}`)
  const submit = async () => {
    setBusy(true)
    try {
      const result = await onSubmit(form)
      if (result.status === 422) setErrors(fieldErrors(result))
    } finally {
      setBusy(false)
    }
  }
  const set = (patch: Partial<ViewForm>) => setForm((f) => ({ ...f, ...patch }))

  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void submit()
        }}
      >
        <Stack gap="sm">
          {mode !== 'share' && (
            <TextInput
              label={t('views.name')}
              value={form.name}
              onChange={(e) => set({ name: e.currentTarget.value })}
              error={errors.name ?? errors.state}
              maxLength={60}
              required
              data-autofocus
              data-testid="view-name"
            />
          )}
          {sharing && (
            <>
              <div>
                <Text size="sm" fw={500} mb={4} id="view-visibility">
                  {t('views.visibility')}
                </Text>
                <SegmentedControl
                  aria-labelledby="view-visibility"
                  value={form.visibility}
                  onChange={(v) => set({ visibility: v as ViewForm['visibility'] })}
                  data={[
                    { value: 'private', label: t('views.private') },
                    { value: 'shared', label: t('views.shared') },
                  ]}
                  data-testid="view-visibility"
                />
              </div>
              {form.visibility === 'shared' && (
                <>
                  <MultiSelect
                    label={t('views.roles')}
                    data={targets?.roles ?? []}
                    value={form.roles}
                    onChange={(roles) => set({ roles })}
                    error={errors.roles}
                    searchable
                    clearable
                    data-testid="view-roles"
                  />
                  <MultiSelect
                    label={t('views.teams')}
                    data={targets?.teams ?? []}
                    value={form.teams}
                    onChange={(teams) => set({ teams })}
                    error={errors.teams}
                    searchable
                    clearable
                    data-testid="view-teams"
                  />
                  <Text size="xs" c="dimmed">
                    {t('views.everyone_hint')}
                  </Text>
                </>
              )}
            </>
          )}
          {mode === 'create' && (
            <Checkbox
              label={t('views.use_as_default')}
              checked={form.isDefault}
              onChange={(e) => set({ isDefault: e.currentTarget.checked })}
              data-testid="view-default"
            />
          )}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="view-submit">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
