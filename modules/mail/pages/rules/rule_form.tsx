import { useForm } from '@inertiajs/react'
import { ActionIcon, Button, Checkbox, Group, Modal, Select, Stack, TextInput } from '@mantine/core'
import { IconTrash } from '@tabler/icons-react'
import { RecordPicker, useT } from '~/ui'
import type { MailRuleRow, MailRulesPage } from '../../dto/rules'
import { RECORD_LOOKUPS } from '../record_lookups'

const FIELDS = ['from', 'to', 'cc', 'subject', 'body', 'header']
const OPS = ['contains', 'equals', 'starts_with', 'ends_with', 'matches']
const ACTIONS = ['skip', 'spam', 'assign', 'link', 'tag', 'create_lead', 'create_contact']

type FormAction = {
  type: string
  userId?: number
  /** A "link" action's record as the server takes it: `crm.company:12`. */
  record?: string
  /** The record type chosen for the picker, and the chosen record's name. */
  recordType?: string
  recordLabel?: string | null
  tag?: string
}

const RECORD_TYPES = Object.keys(RECORD_LOOKUPS)
const recordIdOf = (a: FormAction) => (a.record ? (a.record.split(':')[1] ?? null) : null)

const toForm = (rule: MailRuleRow | null) => ({
  name: rule?.name ?? '',
  mailboxId: rule?.mailboxId ?? null,
  enabled: rule?.enabled ?? true,
  match: rule?.match ?? 'all',
  stop: rule?.stop ?? false,
  conditions: rule?.conditions ?? [{ field: 'from', op: 'contains', value: '' }],
  actions: (rule?.actions ?? [{ type: 'tag', tag: '' }]).map((a): FormAction =>
    a.type === 'link'
      ? {
          type: 'link',
          recordType: a.recordType,
          record: `${a.recordType}:${a.recordId}`,
          recordLabel: a.recordLabel,
        }
      : { ...a }
  ),
})

/** Create or edit a capture rule: conditions and actions as editable rows. */
export function RuleForm(props: {
  rule: MailRuleRow | null
  options: Pick<MailRulesPage, 'mailboxes' | 'users'>
  onClose: () => void
}) {
  const { t } = useT()
  const form = useForm(toForm(props.rule))
  const d = form.data
  const err = (key: string) => (form.errors as Record<string, string>)[key]
  const setCondition = (i: number, patch: Record<string, unknown>) =>
    form.setData(
      'conditions',
      d.conditions.map((c, j) => (i === j ? { ...c, ...patch } : c)) as any
    )
  const setAction = (i: number, patch: Partial<FormAction>) =>
    form.setData(
      'actions',
      d.actions.map((a, j) => (i === j ? { ...a, ...patch } : a))
    )
  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    const options = { preserveScroll: true, onSuccess: props.onClose }
    if (props.rule) form.put(`/mail/rules/${props.rule.id}`, options)
    else form.post('/mail/rules', options)
  }
  return (
    <Modal
      opened
      onClose={props.onClose}
      size="lg"
      title={t(props.rule ? 'mail.rules.edit' : 'mail.rules.new')}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label={t('mail.rules.name')}
            required
            value={d.name}
            error={err('name')}
            onChange={(e) => form.setData('name', e.currentTarget.value)}
          />
          <Select
            label={t('mail.rules.mailbox')}
            placeholder={t('mail.rules.all_mailboxes')}
            clearable
            data={props.options.mailboxes}
            value={d.mailboxId === null ? null : String(d.mailboxId)}
            onChange={(v) => form.setData('mailboxId', v ? Number(v) : null)}
          />
          <Select
            label={t('mail.rules.match')}
            allowDeselect={false}
            value={d.match}
            data={[
              { value: 'all', label: t('mail.rules.match_all') },
              { value: 'any', label: t('mail.rules.match_any') },
            ]}
            onChange={(v) => form.setData('match', (v ?? 'all') as 'all' | 'any')}
          />
          <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
            <legend>{t('mail.rules.conditions')}</legend>
            <Stack gap="xs">
              {d.conditions.map((c, i) => (
                <Group key={i} gap="xs" align="flex-end" wrap="wrap">
                  <Select
                    w={130}
                    label={t('mail.rules.field')}
                    allowDeselect={false}
                    value={c.field}
                    data={FIELDS.map((f) => ({ value: f, label: t(`mail.rules.fields.${f}`) }))}
                    onChange={(v) => setCondition(i, { field: v })}
                  />
                  {c.field === 'header' && (
                    <TextInput
                      w={130}
                      label={t('mail.rules.header')}
                      value={c.header ?? ''}
                      error={err(`conditions.${i}.header`)}
                      onChange={(e) => setCondition(i, { header: e.currentTarget.value })}
                    />
                  )}
                  <Select
                    w={170}
                    label={t('mail.rules.op')}
                    allowDeselect={false}
                    value={c.op}
                    data={OPS.map((o) => ({ value: o, label: t(`mail.rules.ops.${o}`) }))}
                    onChange={(v) => setCondition(i, { op: v })}
                  />
                  <TextInput
                    style={{ flex: 1, minWidth: 140 }}
                    label={t('mail.rules.value')}
                    value={c.value}
                    error={err(`conditions.${i}.value`)}
                    onChange={(e) => setCondition(i, { value: e.currentTarget.value })}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('mail.rules.remove')}
                    disabled={d.conditions.length < 2}
                    onClick={() =>
                      form.setData(
                        'conditions',
                        d.conditions.filter((_, j) => j !== i)
                      )
                    }
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              ))}
              <Button
                variant="subtle"
                size="xs"
                onClick={() =>
                  form.setData('conditions', [
                    ...d.conditions,
                    { field: 'subject', op: 'contains', value: '' },
                  ])
                }
              >
                {t('mail.rules.add_condition')}
              </Button>
            </Stack>
          </fieldset>
          <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
            <legend>{t('mail.rules.actions')}</legend>
            <Stack gap="xs">
              {d.actions.map((a, i) => (
                <Group key={i} gap="xs" align="flex-end" wrap="wrap">
                  <Select
                    w={a.type === 'link' ? 180 : 260}
                    label={t('mail.rules.action')}
                    allowDeselect={false}
                    value={a.type}
                    data={ACTIONS.map((x) => ({
                      value: x,
                      label: t(`mail.rules.action_types.${x}`),
                    }))}
                    onChange={(v) => setAction(i, { type: v ?? 'tag' })}
                  />
                  {a.type === 'assign' && (
                    <Select
                      w={200}
                      label={t('mail.rules.user')}
                      data={props.options.users}
                      searchable
                      value={a.userId ? String(a.userId) : null}
                      error={err(`actions.${i}.userId`)}
                      onChange={(v) => setAction(i, { userId: v ? Number(v) : undefined })}
                    />
                  )}
                  {a.type === 'link' && (
                    <>
                      <Select
                        w={130}
                        label={t('mail.rules.record_type')}
                        allowDeselect={false}
                        data={RECORD_TYPES.map((k) => ({
                          value: k,
                          label: t(`mail.triage.types.${k}`),
                        }))}
                        value={a.recordType ?? RECORD_TYPES[0]}
                        onChange={(v) =>
                          setAction(i, { recordType: v ?? RECORD_TYPES[0], record: '' })
                        }
                      />
                      <RecordPicker
                        key={a.recordType ?? RECORD_TYPES[0]}
                        style={{ flex: 1, minWidth: 160 }}
                        label={t('mail.rules.record')}
                        placeholder={t(
                          `mail.triage.record_placeholders.${a.recordType ?? RECORD_TYPES[0]}`
                        )}
                        searchUrl={RECORD_LOOKUPS[a.recordType ?? RECORD_TYPES[0]]}
                        initial={
                          recordIdOf(a)
                            ? [{ value: recordIdOf(a)!, label: a.recordLabel ?? '' }]
                            : []
                        }
                        value={recordIdOf(a)}
                        error={err(`actions.${i}.record`)}
                        onChange={(v) =>
                          setAction(i, {
                            record: v ? `${a.recordType ?? RECORD_TYPES[0]}:${v}` : '',
                          })
                        }
                      />
                    </>
                  )}
                  {a.type === 'tag' && (
                    <TextInput
                      w={200}
                      label={t('mail.rules.tag')}
                      value={a.tag ?? ''}
                      error={err(`actions.${i}.tag`)}
                      onChange={(e) => setAction(i, { tag: e.currentTarget.value })}
                    />
                  )}
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('mail.rules.remove')}
                    disabled={d.actions.length < 2}
                    onClick={() =>
                      form.setData(
                        'actions',
                        d.actions.filter((_, j) => j !== i)
                      )
                    }
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              ))}
              <Button
                variant="subtle"
                size="xs"
                onClick={() => form.setData('actions', [...d.actions, { type: 'spam' }])}
              >
                {t('mail.rules.add_action')}
              </Button>
            </Stack>
          </fieldset>
          <Checkbox
            label={t('mail.rules.stop')}
            checked={d.stop}
            onChange={(e) => form.setData('stop', e.currentTarget.checked)}
          />
          <Checkbox
            label={t('mail.rules.enabled')}
            checked={d.enabled}
            onChange={(e) => form.setData('enabled', e.currentTarget.checked)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('mail.rules.cancel')}
            </Button>
            <Button type="submit" loading={form.processing}>
              {t('mail.rules.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
