import { readdirSync, rmSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { ImapFlow } from 'imapflow'

/**
 * The run's Dovecot IMAP server (scripts/test.mjs starts one per run, on a free port, with
 * its files under tmp/dovecot-<tag>/). Each test makes its own user, so no two tests share a
 * mailbox. A test that needs the server skips itself with `.skip(...imapSkip())`; under
 * CARTERA_REQUIRE_SERVICES=1 it runs, and fails, instead.
 */
export interface ImapTestServer {
  host: string
  port: number
  available: boolean
  reason?: string
}

export interface ImapAccount {
  user: string
  password: string
}

export interface FolderStatus {
  messages: number
  uidValidity: number
  uidNext: number
}

export function imapTestServer(): ImapTestServer {
  const host = process.env.IMAP_TEST_HOST ?? '127.0.0.1'
  const port = Number(process.env.IMAP_TEST_PORT ?? 0)
  if (port && process.env.DOVECOT_USERS_DIR) return { host, port, available: true }
  const reason =
    process.env.IMAP_TEST_UNAVAILABLE ??
    'no Dovecot for this run (start the tests with node scripts/test.mjs)'
  return { host, port, available: false, reason }
}

/** Arguments for Japa's `.skip()`: skip without Dovecot, unless services are required. */
export function imapSkip(): [boolean, string] {
  const server = imapTestServer()
  const required = process.env.CARTERA_REQUIRE_SERVICES === '1'
  return [!server.available && !required, `mail IMAP: ${server.reason ?? ''} (not tested)`]
}

function requireServer(): ImapTestServer {
  const server = imapTestServer()
  if (!server.available) throw new Error(`mail IMAP unavailable: ${server.reason}`)
  return server
}

let created = 0

/** A fresh user with an empty mailbox (its own passwd-file, which Dovecot reads at the first login). */
export function createImapUser(name = 'user'): ImapAccount {
  requireServer()
  const safe = name.toLowerCase().replace(/[^a-z0-9._-]/g, '')
  const user = `${safe || 'user'}-${process.pid}-${++created}-${randomBytes(3).toString('hex')}`
  const password = randomBytes(9).toString('base64url')
  writeFileSync(join(process.env.DOVECOT_USERS_DIR!, user), `${user}:{PLAIN}${password}\n`, {
    mode: 0o644,
  })
  return { user, password }
}

/** A logged-in ImapFlow client; the caller logs out. */
export async function connect(account: ImapAccount): Promise<ImapFlow> {
  const { host, port } = requireServer()
  const client = new ImapFlow({
    host,
    port,
    secure: false,
    auth: { user: account.user, pass: account.password },
    logger: false,
  })
  await client.connect()
  return client
}

async function withClient<T>(account: ImapAccount, work: (c: ImapFlow) => Promise<T>) {
  const client = await connect(account)
  try {
    return await work(client)
  } finally {
    await client.logout().catch(() => client.close())
  }
}

/** Appends raw messages (in order) to a folder; returns their UIDs. */
export function appendMessages(
  account: ImapAccount,
  folder: string,
  raws: (Buffer | string)[],
  flags: string[] = []
): Promise<number[]> {
  return withClient(account, async (client) => {
    const uids: number[] = []
    for (const [index, raw] of raws.entries()) {
      const appended = await client.append(folder, raw, flags).catch((error) => {
        const why = error.responseText ?? error.message
        throw new Error(`APPEND of message #${index} to ${folder} failed: ${why}`)
      })
      if (!appended || !appended.uid) throw new Error(`APPEND to ${folder} returned no UID`)
      uids.push(appended.uid)
    }
    return uids
  })
}

export function createFolder(account: ImapAccount, path: string): Promise<void> {
  return withClient(account, async (client) => {
    await client.mailboxCreate(path)
  })
}

export function deleteFolder(account: ImapAccount, path: string): Promise<void> {
  return withClient(account, async (client) => {
    await client.mailboxDelete(path)
  })
}

export function folderStatus(account: ImapAccount, path: string): Promise<FolderStatus> {
  return withClient(account, async (client) => {
    const status = await client.status(path, { messages: true, uidValidity: true, uidNext: true })
    if (!status) throw new Error(`STATUS ${path} failed`)
    return {
      messages: status.messages ?? 0,
      uidValidity: Number(status.uidValidity ?? 0),
      uidNext: status.uidNext ?? 0,
    }
  })
}

/**
 * Stored flags per UID (sorted), read in a read-only (EXAMINE) session with FETCH FLAGS, which
 * never changes them. \Recent is left out: it belongs to a session, not to the message.
 */
export function flagsOf(account: ImapAccount, folder: string): Promise<Record<number, string[]>> {
  return withClient(account, async (client) => {
    const flags: Record<number, string[]> = {}
    const lock = await client.getMailboxLock(folder, { readOnly: true })
    try {
      if (!client.mailbox || !client.mailbox.exists) return flags
      for await (const message of client.fetch('1:*', { uid: true, flags: true })) {
        flags[message.uid] = [...(message.flags ?? [])].filter((f) => f !== '\\Recent').sort()
      }
    } finally {
      lock.release()
    }
    return flags
  })
}

/** The Maildir++ folder of a user's mailbox folder on disk ('.' is Dovecot's separator). */
function folderDir(account: ImapAccount, folder: string) {
  const root = join(process.env.DOVECOT_MAIL_DIR!, account.user, 'Maildir')
  return folder.toUpperCase() === 'INBOX' ? root : join(root, `.${folder.replaceAll('/', '.')}`)
}

/**
 * Gives the folder a new UIDVALIDITY and new UIDs while keeping the same messages and flags:
 * with no session open, its dovecot-uidlist and index files are removed, so Dovecot rescans
 * the Maildir and assigns the next UIDVALIDITY (from the user's dovecot-uidvalidity counter).
 * Works for INBOX too. Returns the new UIDVALIDITY.
 */
export async function changeUidValidity(account: ImapAccount, folder: string): Promise<number> {
  const before = await folderStatus(account, folder)
  const dir = folderDir(account, folder)
  for (const file of readdirSync(dir)) {
    if (file === 'dovecot-uidlist' || file.startsWith('dovecot.index')) {
      rmSync(join(dir, file), { force: true })
    }
  }
  const after = await folderStatus(account, folder)
  if (after.uidValidity === before.uidValidity || after.messages !== before.messages) {
    throw new Error(
      `UIDVALIDITY of ${folder} did not change (${before.uidValidity} → ${after.uidValidity})`
    )
  }
  return after.uidValidity
}
