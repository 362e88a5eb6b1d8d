import { test } from '@japa/runner'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import app from '@adonisjs/core/services/app'
import {
  appendMessages,
  changeUidValidity,
  connect,
  createFolder,
  createImapUser,
  deleteFolder,
  flagsOf,
  folderStatus,
  imapSkip,
} from '#tests/helpers/dovecot'

const corpus = (name: string) =>
  readFileSync(app.makePath('modules/mail/tests/fixtures/corpus', name))

test.group('Dovecot test harness', () => {
  test('a fresh user gets corpus mail, BODY.PEEK leaves flags alone, UIDVALIDITY changes', async ({
    assert,
  }) => {
    const account = createImapUser('ana')
    const other = createImapUser('ana')
    assert.notEqual(account.user, other.user)
    const refused = await connect({ ...account, password: 'wrong' }).catch((error) => error)
    assert.isTrue(refused.authenticationFailed, 'a wrong password is refused as such')

    const raws = [corpus('01_texto_plano.eml'), corpus('02_alternativa.eml')]
    const uids = await appendMessages(account, 'INBOX', raws, ['\\Flagged'])
    assert.lengthOf(uids, 2)
    const status = await folderStatus(account, 'INBOX')
    assert.equal(status.messages, 2)
    assert.equal(status.uidNext, uids[1] + 1)
    assert.equal((await folderStatus(other, 'INBOX')).messages, 0, 'users do not share mail')

    const before = await flagsOf(account, 'INBOX')
    assert.deepEqual(before[uids[0]], ['\\Flagged'])
    const client = await connect(account)
    try {
      const lock = await client.getMailboxLock('INBOX')
      try {
        const fetched = await client.fetchOne(String(uids[0]), { source: true }, { uid: true })
        assert.isTrue(fetched && fetched.source?.equals(raws[0]), 'BODY.PEEK[] returns the bytes')
      } finally {
        lock.release()
      }
    } finally {
      await client.logout()
    }
    assert.deepEqual(await flagsOf(account, 'INBOX'), before, 'no \\Seen was set')

    const uidValidity = await changeUidValidity(account, 'INBOX')
    assert.notEqual(uidValidity, status.uidValidity)
    const after = await folderStatus(account, 'INBOX')
    assert.equal(after.messages, 2, 'same messages after the UIDVALIDITY change')
    assert.deepEqual(Object.values(await flagsOf(account, 'INBOX')), Object.values(before))

    await createFolder(account, 'Archivo')
    await appendMessages(account, 'Archivo', [raws[0]])
    const archive = await folderStatus(account, 'Archivo')
    assert.equal(archive.messages, 1)
    assert.notEqual(await changeUidValidity(account, 'Archivo'), archive.uidValidity)
    await deleteFolder(account, 'Archivo')
  })
    .skip(...imapSkip())
    .timeout(20_000)

  test('Dovecot holds every corpus file, byte for byte', async ({ assert }) => {
    const account = createImapUser('corpus')
    const { files } = JSON.parse(corpus('corpus.json').toString('utf8')) as { files: CorpusEntry[] }
    const raws = files.map((entry) => corpus(entry.file))
    const uids = await appendMessages(account, 'INBOX', raws)
    assert.equal((await folderStatus(account, 'INBOX')).messages, files.length)
    const stored = new Map<number, Buffer>()
    const client = await connect(account)
    try {
      const lock = await client.getMailboxLock('INBOX', { readOnly: true })
      try {
        for await (const message of client.fetch(uids.join(','), { source: true }, { uid: true })) {
          stored.set(message.uid, message.source!)
        }
      } finally {
        lock.release()
      }
    } finally {
      await client.logout()
    }
    files.forEach((entry, i) => assert.isTrue(stored.get(uids[i])?.equals(raws[i]), entry.file))
  })
    .skip(...imapSkip())
    .timeout(20_000)
})

interface CorpusEntry {
  file: string
  messageId: string | null
  subject: string | null
  from: string | null
  to: string[]
  cc: string[]
  attachments: string[]
}

test.group('Mail corpus', () => {
  test('corpus.json states what mailparser reads from each file', async ({ assert }) => {
    const { simpleParser } = await import('mailparser')
    const { files } = JSON.parse(corpus('corpus.json').toString('utf8')) as { files: CorpusEntry[] }
    assert.isAtLeast(files.length, 40)
    const addresses = (a: any) =>
      (a ? (Array.isArray(a) ? a : [a]) : []).flatMap((x: any) =>
        x.value.map((v: any) => v.address.toLowerCase())
      )
    for (const entry of files) {
      const mail = await simpleParser(corpus(entry.file))
      const read = {
        messageId: mail.messageId ?? null,
        subject: mail.subject ?? null,
        from: addresses(mail.from)[0] ?? null,
        to: addresses(mail.to),
        cc: addresses(mail.cc),
        attachments: mail.attachments.map((a) => a.filename),
      }
      const { file, messageId, subject, from, to, cc, attachments } = entry
      assert.deepEqual(read, { messageId, subject, from, to, cc, attachments }, file)
    }
  })

  test('the big message is written by streaming and parses with its attachment', async ({
    assert,
  }) => {
    const { writeBigMessage } = await import('#modules/mail/tests/fixtures/big_message')
    const { stat, rm } = await import('node:fs/promises')
    const { createReadStream } = await import('node:fs')
    const { dirname } = await import('node:path')
    const { simpleParser } = await import('mailparser')
    const path = await writeBigMessage(1)
    try {
      assert.isAbove((await stat(path)).size, 1024 * 1024 * 1.3)
      const mail = await simpleParser(createReadStream(path))
      assert.equal(mail.attachments[0].size, 1024 * 1024)
      assert.equal(mail.attachments[0].content[300], 300 % 251)
    } finally {
      await rm(dirname(path), { recursive: true, force: true })
    }
  })
})

test.group('Mail archive', () => {
  test('archive.mbox reads as mboxrd: 8 messages, >From lines unescaped', async ({ assert }) => {
    // mbox-reader ships no types (the mail module may declare them): loaded untyped here.
    const { mboxReader } = createRequire(import.meta.url)('mbox-reader')
    const { Readable } = await import('node:stream')
    const { simpleParser } = await import('mailparser')
    const { archive } = JSON.parse(corpus('corpus.json').toString('utf8'))
    const ids: (string | null)[] = []
    const lines: Record<string, string> = {}
    for await (const message of mboxReader(Readable.from([corpus('archive.mbox')]))) {
      const mail = await simpleParser(message.content)
      ids.push(mail.messageId ?? null)
      const expected = archive.unescapedLines[mail.messageId ?? '']
      if (expected) lines[mail.messageId!] = mail.text!.split('\n').find((l) => l === expected)!
    }
    assert.deepEqual(ids, archive.messageIds)
    assert.deepEqual(lines, archive.unescapedLines)
  })
})
