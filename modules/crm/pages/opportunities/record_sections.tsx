import { useState } from 'react'
import { Link, router } from '@inertiajs/react'
import { ActionIcon, Anchor, Badge, Button, Group, Modal, Select, Stack, Text } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconEdit, IconPlus, IconTrash } from '@tabler/icons-react'
import { FieldCard, useT, type Option } from '~/ui'
import { apiJson } from '~/ui/api'
import type { OpportunityDetail } from '../../dto/opportunities'
import {
  AddContact,
  COMPETITOR_OPTIONS,
  CompetitorTexts,
  LookupSelect,
  competitorsPayload,
  contactsPayload,
  type CompetitorLink,
  type ContactLink,
} from './link_editors'

const RELOAD = ['opportunity', 'timeline', 'process']

/** Saves one list (contacts or competitors) of the opportunity; a refusal is announced. */
function useSaveLinks(opportunityId: number) {
  const { t } = useT()
  const [error, setError] = useState<string | undefined>()
  const save = async (body: object) => {
    const result = await apiJson('PUT', `/crm/opportunities/${opportunityId}/links`, body)
    if (!result.ok) {
      const message =
        result.body.message ??
        result.body.errors?.[0]?.message ??
        t('crm.opportunities.contacts.save_failed')
      setError(message)
      notifications.show({ color: 'red', message })
      return false
    }
    setError(undefined)
    router.reload({ only: RELOAD })
    return true
  }
  return { save, error, clear: () => setError(undefined) }
}

const contactLinks = (o: OpportunityDetail): ContactLink[] =>
  o.contacts.map((c) => ({ contactId: String(c.contactId), name: c.name, role: c.role }))
const competitorLinks = (o: OpportunityDetail): CompetitorLink[] =>
  o.competitors.map((c) => ({
    companyId: String(c.companyId),
    name: c.name,
    strengths: c.strengths ?? '',
    weaknesses: c.weaknesses ?? '',
  }))

/** Contacts with roles: add (modal), change role and remove in place, for editors. */
export function ContactsSection({
  opportunity: o,
  roles,
  canEdit,
}: {
  opportunity: OpportunityDetail
  roles: Option[]
  canEdit: boolean
}) {
  const { t } = useT()
  const [adding, setAdding] = useState(false)
  const { save, error, clear } = useSaveLinks(o.id)
  const links = contactLinks(o)
  const roleLabel = (code: string | null) =>
    code ? (roles.find((r) => r.value === code)?.label ?? code) : null
  const saveContacts = (next: ContactLink[]) => save({ contacts: contactsPayload(next) })
  return (
    <FieldCard
      title={t('crm.opportunities.sections.contacts')}
      columns={1}
      testId="opportunity-contacts"
      action={
        canEdit && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={() => setAdding(true)}
          >
            {t('crm.opportunities.contacts.add')}
          </Button>
        )
      }
    >
      {links.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('crm.opportunities.contacts.empty')}
        </Text>
      )}
      {links.map((c) => (
        <Group key={c.contactId} gap="xs" wrap="nowrap" justify="space-between">
          <Anchor
            component={Link}
            href={`/crm/contacts/${c.contactId}`}
            size="sm"
            style={{ minWidth: 0 }}
          >
            {c.name}
          </Anchor>
          {canEdit ? (
            <Group gap={4} wrap="nowrap">
              <Select
                aria-label={t('crm.opportunities.contacts.change_role', { name: c.name })}
                data={roles}
                value={c.role}
                clearable
                placeholder={t('crm.opportunities.contacts.no_role')}
                size="xs"
                w={150}
                onChange={(role) =>
                  void saveContacts(
                    links.map((x) => (x.contactId === c.contactId ? { ...x, role } : x))
                  )
                }
              />
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('crm.opportunities.contacts.remove', { name: c.name })}
                onClick={() => void saveContacts(links.filter((x) => x.contactId !== c.contactId))}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ) : (
            c.role && <Badge variant="light">{roleLabel(c.role)}</Badge>
          )}
        </Group>
      ))}
      <Modal
        opened={adding}
        onClose={() => {
          setAdding(false)
          clear()
        }}
        title={t('crm.opportunities.contacts.add')}
      >
        <AddContact
          roles={roles}
          companyId={o.companyId ? String(o.companyId) : null}
          exclude={links.map((c) => c.contactId)}
          error={error}
          onAdd={async (link) => {
            if (await saveContacts([...links, link])) setAdding(false)
          }}
        />
      </Modal>
    </FieldCard>
  )
}

/** Competitors with strengths and weaknesses: add and edit in a modal, remove in place. */
export function CompetitorsSection({
  opportunity: o,
  canEdit,
}: {
  opportunity: OpportunityDetail
  canEdit: boolean
}) {
  const { t } = useT()
  const links = competitorLinks(o)
  const { save, error, clear } = useSaveLinks(o.id)
  // The competitor in the modal: a new one (not yet in `links`) or one being edited.
  const [editing, setEditing] = useState<CompetitorLink | null>(null)
  const [open, setOpen] = useState(false)
  const isNew = editing !== null && !links.some((c) => c.companyId === editing.companyId)
  const saveCompetitors = (next: CompetitorLink[]) =>
    save({ competitors: competitorsPayload(next) })
  const close = () => {
    setOpen(false)
    setEditing(null)
    clear()
  }
  return (
    <FieldCard
      title={t('crm.opportunities.sections.competitors')}
      columns={1}
      testId="opportunity-competitors"
      action={
        canEdit && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={() => setOpen(true)}
          >
            {t('crm.opportunities.competitors.add')}
          </Button>
        )
      }
    >
      {links.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('crm.opportunities.competitors.empty')}
        </Text>
      )}
      {links.map((c) => (
        <Stack key={c.companyId} gap={2}>
          <Group justify="space-between" wrap="nowrap">
            <Anchor component={Link} href={`/crm/companies/${c.companyId}`} size="sm" fw={600}>
              {c.name}
            </Anchor>
            {canEdit && (
              <Group gap={4} wrap="nowrap">
                <ActionIcon
                  variant="subtle"
                  aria-label={t('crm.opportunities.competitors.edit', { name: c.name })}
                  onClick={() => {
                    setEditing(c)
                    setOpen(true)
                  }}
                >
                  <IconEdit size={16} />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('crm.opportunities.competitors.remove', { name: c.name })}
                  onClick={() =>
                    void saveCompetitors(links.filter((x) => x.companyId !== c.companyId))
                  }
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            )}
          </Group>
          <Text size="xs">{`${t('crm.opportunities.fields.strengths')}: ${c.strengths || '—'}`}</Text>
          <Text size="xs">{`${t('crm.opportunities.fields.weaknesses')}: ${c.weaknesses || '—'}`}</Text>
        </Stack>
      ))}
      <Modal
        opened={open}
        onClose={close}
        title={
          editing && !isNew
            ? t('crm.opportunities.competitors.edit', { name: editing.name })
            : t('crm.opportunities.competitors.add')
        }
      >
        <Stack>
          {(editing === null || isNew) && (
            <LookupSelect
              url={COMPETITOR_OPTIONS}
              exclude={links.map((c) => c.companyId)}
              label={t('crm.opportunities.competitors.company')}
              description={t('crm.opportunities.competitors.only_type')}
              value={editing ? { value: editing.companyId, label: editing.name } : null}
              onPick={(option) =>
                setEditing(
                  option
                    ? { companyId: option.value, name: option.label, strengths: '', weaknesses: '' }
                    : null
                )
              }
              error={error}
              data-autofocus
            />
          )}
          {editing && <CompetitorTexts value={editing} onChange={setEditing} stacked />}
          <Button
            disabled={!editing}
            onClick={async () => {
              if (!editing) return
              const next = isNew
                ? [...links, editing]
                : links.map((c) => (c.companyId === editing.companyId ? editing : c))
              if (await saveCompetitors(next)) close()
            }}
          >
            {t('crm.teams.save')}
          </Button>
        </Stack>
      </Modal>
    </FieldCard>
  )
}
