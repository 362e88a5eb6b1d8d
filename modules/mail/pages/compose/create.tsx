import { Head, useForm } from '@inertiajs/react'
import { Alert, Grid, Select, Stack, TagsInput, Text, TextInput, Textarea } from '@mantine/core'
import { ErrorSummary, FormFooter, PageHeader, useT } from '~/ui'
import type { ComposePageProps } from '../../dto/compose'
import { MergePreview } from './merge_preview'
import { AttachmentsInput } from './attachments_input'
import { RecordDocuments } from './record_documents'

/**
 * Writing a mail from a record: From (a mailbox the user may send from), To and Cc as chips
 * (the record's contacts offered, any valid address typed), a template that fills subject and
 * body, the body, and a live preview of the merge fields. Sent mail goes back to the record.
 */
export default function ComposeCreate(props: ComposePageProps) {
  const { t } = useT()
  const { record, mailboxes, recipients, templates, draft } = props
  const form = useForm({
    record: record.key,
    mailboxId: mailboxes[0] ? String(mailboxes[0].id) : (null as string | null),
    to: draft.to,
    cc: draft.cc,
    subject: draft.subject,
    body: draft.body,
    replyToMessageId: draft.replyToMessageId,
    template: null as string | null,
    attachments: [] as File[],
    documentIds: [] as string[],
  })
  const d = form.data
  const errors = form.errors as Record<string, string | undefined>
  const suggestions = recipients.map((r) => r.email)
  const title =
    draft.mode === 'new' ? t('mail.compose.title') : t(`mail.compose.title_${draft.mode}`)

  const applyTemplate = (value: string | null) => {
    const template = templates.find((tpl) => String(tpl.id) === value)
    form.setData({
      ...d,
      template: value,
      ...(template ? { subject: template.subject, body: template.body + d.body } : {}),
    })
  }

  return (
    <>
      <Head title={title} />
      <PageHeader
        title={title}
        crumbs={[{ label: record.name, href: record.href }, { label: title }]}
      />
      <Text c="dimmed" mb="md">
        {t('mail.compose.about', { name: record.name })}
      </Text>
      {mailboxes.length === 0 && (
        <Alert color="yellow" role="alert" mb="md">
          {t('mail.compose.no_mailbox')}
        </Alert>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault()
          form.transform((data) => ({
            ...data,
            mailboxId: Number(data.mailboxId),
            documentIds: data.documentIds.map(Number),
            template: undefined,
          }))
          form.post('/mail/compose')
        }}
      >
        <ErrorSummary errors={form.errors} />
        <Grid>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack>
              <Select
                label={t('mail.compose.from')}
                data={mailboxes.map((m) => ({
                  value: String(m.id),
                  label: `${m.name} <${m.address}>`,
                }))}
                value={d.mailboxId}
                onChange={(v) => form.setData('mailboxId', v)}
                error={errors.mailboxId}
                required
              />
              <TagsInput
                label={t('mail.compose.to')}
                description={t('mail.compose.to_help')}
                data={suggestions}
                value={d.to}
                onChange={(v) => form.setData('to', v)}
                error={errors.to}
                splitChars={[',', ';', ' ']}
                clearable
                required
              />
              <TagsInput
                label={t('mail.compose.cc')}
                data={suggestions}
                value={d.cc}
                onChange={(v) => form.setData('cc', v)}
                error={errors.cc}
                splitChars={[',', ';', ' ']}
              />
              {templates.length > 0 && (
                <Select
                  label={t('mail.compose.template')}
                  placeholder={t('mail.compose.template_none')}
                  data={templates.map((tpl) => ({ value: String(tpl.id), label: tpl.name }))}
                  value={d.template}
                  onChange={applyTemplate}
                  clearable
                />
              )}
              <TextInput
                label={t('mail.compose.subject')}
                value={d.subject}
                onChange={(e) => form.setData('subject', e.currentTarget.value)}
                error={errors.subject}
                required
              />
              <Textarea
                label={t('mail.compose.body')}
                value={d.body}
                onChange={(e) => form.setData('body', e.currentTarget.value)}
                error={errors.body}
                autosize
                minRows={10}
              />
              <AttachmentsInput
                files={d.attachments}
                onChange={(files) => form.setData('attachments', files)}
                limits={props.limits}
                reserved={props.documents.filter((doc) => d.documentIds.includes(String(doc.id)))}
                error={errors.attachments}
              />
              <RecordDocuments
                recordName={record.name}
                documents={props.documents}
                value={d.documentIds}
                onChange={(ids) => form.setData('documentIds', ids)}
                error={errors.documentIds}
              />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Stack>
              <MergePreview subject={d.subject} body={d.body} values={props.mergeValues} />
              <div>
                <Text size="sm" fw={600}>
                  {t('mail.compose.fields_help')}
                </Text>
                {props.fields.map((f) => (
                  <Text key={f.name} size="sm" ff="monospace">
                    {`{{${f.name}}}`}
                  </Text>
                ))}
              </div>
            </Stack>
          </Grid.Col>
        </Grid>
        <FormFooter
          cancelHref={record.href}
          processing={form.processing}
          submitLabel={t('mail.compose.send')}
        />
      </form>
    </>
  )
}
