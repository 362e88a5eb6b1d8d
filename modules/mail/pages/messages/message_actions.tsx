import { useState } from 'react'
import { router } from '@inertiajs/react'
import { Button, Checkbox, Group, Modal, Select, Stack, TextInput } from '@mantine/core'
import { RecordPicker, useT } from '~/ui'
import type { MessageActionsProps } from '../../dto/triage'
import { RECORD_LOOKUPS } from '../record_lookups'

const LOOKUPS = RECORD_LOOKUPS

const post = (url: string, data: Record<string, unknown>, done?: () => void) =>
  router.post(url, data as any, { preserveScroll: true, onSuccess: done })

/** Link / move a message (or its thread) to a company, contact, lead or opportunity found by search. */
function MoveDialog({ messageId, onClose }: { messageId: number; onClose: () => void }) {
  const { t } = useT()
  const [type, setType] = useState<string>('crm.company')
  const [record, setRecord] = useState<string | null>(null)
  const [thread, setThread] = useState(true)
  return (
    <Modal opened onClose={onClose} title={t('mail.triage.move')}>
      <Stack>
        <Select
          label={t('mail.triage.record_type')}
          data={Object.keys(LOOKUPS).map((k) => ({ value: k, label: t(`mail.triage.types.${k}`) }))}
          value={type}
          onChange={(v) => {
            setType(v ?? 'crm.company')
            setRecord(null)
          }}
          allowDeselect={false}
        />
        <RecordPicker
          key={type}
          label={t('mail.triage.record')}
          placeholder={t(`mail.triage.record_placeholders.${type}`)}
          searchUrl={LOOKUPS[type]}
          initial={[]}
          value={record}
          onChange={setRecord}
        />
        <Checkbox
          label={t('mail.triage.scope_thread')}
          checked={thread}
          onChange={(e) => setThread(e.currentTarget.checked)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('mail.triage.cancel')}
          </Button>
          <Button
            disabled={!record}
            onClick={() =>
              post(
                `/mail/messages/${messageId}/move`,
                { record: `${type}:${record}`, scope: thread ? 'thread' : 'message' },
                onClose
              )
            }
          >
            {t('mail.triage.link')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}

/** A contact from the sender: first and last name (the e-mail comes from the message). */
function ContactDialog({ messageId, onClose }: { messageId: number; onClose: () => void }) {
  const { t } = useT()
  const [firstName, setFirstName] = useState('')
  const [lastName, setLastName] = useState('')
  return (
    <Modal opened onClose={onClose} title={t('mail.triage.create_contact')}>
      <Stack>
        <TextInput
          label={t('mail.triage.first_name')}
          required
          value={firstName}
          onChange={(e) => setFirstName(e.currentTarget.value)}
        />
        <TextInput
          label={t('mail.triage.last_name')}
          value={lastName}
          onChange={(e) => setLastName(e.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('mail.triage.cancel')}
          </Button>
          <Button
            disabled={!firstName.trim()}
            onClick={() =>
              post(`/mail/messages/${messageId}/contact`, { firstName, lastName }, onClose)
            }
          >
            {t('mail.triage.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}

/**
 * A captured message's actions (triage rows and the message page): move/link to a record,
 * create a contact from the sender, spam, assign to a user, file in a personal folder.
 */
export function MessageActions(props: MessageActionsProps & { canCreateContact?: boolean }) {
  const { t } = useT()
  const [dialog, setDialog] = useState<'move' | 'contact' | null>(null)
  const id = props.messageId
  return (
    <Group gap="xs" wrap="wrap">
      {props.canEdit && (
        <Button size="xs" variant="light" onClick={() => setDialog('move')}>
          {t('mail.triage.move')}
        </Button>
      )}
      {props.canEdit && props.canCreateContact && (
        <Button size="xs" variant="light" onClick={() => setDialog('contact')}>
          {t('mail.triage.create_contact')}
        </Button>
      )}
      {props.canEdit && (
        <Button
          size="xs"
          variant="subtle"
          color={props.spam ? 'gray' : 'red'}
          onClick={() => post(`/mail/messages/${id}/spam`, { spam: !props.spam })}
        >
          {t(props.spam ? 'mail.triage.not_spam' : 'mail.triage.spam')}
        </Button>
      )}
      {props.canAssign && (
        <Select
          size="xs"
          w={200}
          label={t('mail.triage.assignee')}
          placeholder={t('mail.triage.nobody')}
          data={props.users}
          value={props.assignedUserId === null ? null : String(props.assignedUserId)}
          onChange={(v) => v && post(`/mail/messages/${id}/assign`, { userId: Number(v) })}
          searchable
        />
      )}
      {props.labels.length > 0 && (
        <Select
          size="xs"
          w={200}
          label={t('mail.folders.file')}
          data={props.labels.map((l) => ({
            value: String(l.id),
            label: `${l.filed ? '✓ ' : ''}${l.name}`,
          }))}
          value={null}
          onChange={(v) => {
            const label = props.labels.find((l) => String(l.id) === v)
            if (label)
              post(`/mail/folders/${label.id}/messages`, { messageId: id, filed: !label.filed })
          }}
        />
      )}
      {dialog === 'move' && <MoveDialog messageId={id} onClose={() => setDialog(null)} />}
      {dialog === 'contact' && <ContactDialog messageId={id} onClose={() => setDialog(null)} />}
    </Group>
  )
}

export default MessageActions
