import { useMemo, useState } from 'react'
import { Alert, Button, Stack, Text } from '@mantine/core'
import { IconPhotoOff } from '@tabler/icons-react'
import { useT } from '~/ui'
import type { MessageBodyDto } from '../../dto/messages'
import { messageSrcdoc } from './srcdoc'
import { useInlineImages } from './inline_images'

/**
 * The message's content: its sanitised HTML in an iframe sandboxed with no permissions at all
 * (no scripts, no same origin), remote images blocked until the reader asks; else plain text.
 */
export function MessageBody({ body }: { body: MessageBodyDto }) {
  const { t } = useT()
  const [remote, setRemote] = useState(false)
  const origin = typeof window === 'undefined' ? '' : window.location.origin
  const inline = useInlineImages(body.html, body.inline)
  const srcdoc = useMemo(
    () => (body.html ? messageSrcdoc(body.html, inline, remote, origin) : null),
    [body.html, inline, remote, origin]
  )
  if (srcdoc)
    return (
      <Stack gap="xs">
        {body.hasRemoteContent && !remote && (
          <Alert color="gray" variant="light" icon={<IconPhotoOff size={18} />} p="xs">
            <Stack gap={6} align="flex-start">
              <Text size="sm">{t('mail.message.remote_blocked')}</Text>
              <Button size="compact-sm" variant="light" onClick={() => setRemote(true)}>
                {t('mail.message.show_remote')}
              </Button>
            </Stack>
          </Alert>
        )}
        <iframe
          sandbox=""
          srcDoc={srcdoc}
          title={t('mail.message.body')}
          referrerPolicy="no-referrer"
          data-testid="message-html"
          style={{
            width: '100%',
            minHeight: 420,
            height: '65vh',
            border: '1px solid var(--mantine-color-gray-3)',
            borderRadius: 'var(--mantine-radius-sm)',
            background: 'white',
            resize: 'vertical',
          }}
        />
      </Stack>
    )
  if (body.text)
    return (
      <Text
        component="pre"
        size="sm"
        data-testid="message-text"
        style={{
          whiteSpace: 'pre-wrap',
          overflowWrap: 'anywhere',
          fontFamily: 'var(--mantine-font-family-monospace)',
          margin: 0,
        }}
      >
        {body.text}
      </Text>
    )
  return (
    <Text size="sm" c="dimmed">
      {t('mail.message.empty_body')}
    </Text>
  )
}
