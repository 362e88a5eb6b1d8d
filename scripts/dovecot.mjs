// A throw-away Dovecot IMAP server for one test run (scripts/test.mjs). Everything it writes
// lives under tmp/dovecot-<tag>/ and it listens on a free port, so two runs (SQLite and
// MariaDB) go side by side. Works on a bare Debian machine after `apt-get install dovecot-imapd`:
// as root the mail belongs to a `vmail` system user (created when missing); as another user
// Dovecot runs rootless, as that user.
import { spawnSync } from 'node:child_process'
import { accessSync, chmodSync, chownSync, constants, mkdirSync, readFileSync } from 'node:fs'
import { closeSync, openSync, statSync, writeFileSync, rmSync } from 'node:fs'
import { createConnection } from 'node:net'
import { basename, dirname, join } from 'node:path'
import { tmpdir, userInfo } from 'node:os'

/** The Dovecot binary to use, or null with the reason. */
export function findDovecot(env) {
  const path = env.DOVECOT_PATH ?? '/usr/sbin/dovecot'
  try {
    accessSync(path, constants.X_OK)
    return { path }
  } catch {
    return { path: null, reason: `no Dovecot at ${path} (apt-get install dovecot-imapd)` }
  }
}

/** uid/gid of a system user, or null. */
function systemUser(name) {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`))
  if (!line) return null
  const [, , uid, gid] = line.split(':')
  return { name, uid: Number(uid), gid: Number(gid) }
}

function groupName(gid) {
  const line = readFileSync('/etc/group', 'utf8')
    .split('\n')
    .find((l) => l.split(':')[2] === String(gid))
  return line ? line.split(':')[0] : String(gid)
}

/** The user owning the mailboxes: vmail as root (created if missing), else ourselves. */
function mailOwner() {
  const me = userInfo()
  if (me.uid !== 0) return { name: me.username, uid: me.uid, gid: me.gid, rootless: true }
  let owner = systemUser('vmail')
  if (!owner) {
    spawnSync('useradd', [
      '--system',
      '--user-group',
      '--no-create-home',
      '--home-dir',
      '/nonexistent',
      '--shell',
      '/usr/sbin/nologin',
      'vmail',
    ])
    owner = systemUser('vmail') ?? systemUser('nobody')
  }
  return { ...owner, rootless: false }
}

function config({ dir, mailDir, usersDir, port, owner }) {
  const lines = [
    'protocols = imap',
    'listen = 127.0.0.1',
    `base_dir = ${dir}/run`,
    `state_dir = ${dir}/state`,
    `log_path = ${dir}/dovecot.log`,
    `info_log_path = ${dir}/dovecot.log`,
    'ssl = no',
    'disable_plaintext_auth = no',
    'auth_mechanisms = plain login',
    // Tests of wrong passwords need not wait, nor slow down the user's next login: no failure
    // delay, and no auth penalty (anvil's penalty socket is not created).
    'auth_failure_delay = 0',
    `mail_location = maildir:${mailDir}/%u/Maildir`,
    `first_valid_uid = ${owner.uid}`,
    `first_valid_gid = ${owner.gid}`,
    'mail_privileged_group =',
    'passdb {',
    '  driver = passwd-file',
    // One passwd-file per user: a new user's file is read at its first login (a single shared
    // file is re-read at most once a second, so a user added just now could not log in).
    `  args = scheme=PLAIN ${usersDir}/%u`,
    '}',
    'userdb {',
    '  driver = static',
    `  args = uid=${owner.uid} gid=${owner.gid} home=${mailDir}/%u`,
    '}',
    'service imap-login {',
    `  inet_listener imap {\n    address = 127.0.0.1\n    port = ${port}\n  }`,
    '  inet_listener imaps {\n    port = 0\n  }',
    ...(owner.rootless ? ['  chroot ='] : []),
    '}',
    'service anvil {',
    '  unix_listener anvil-auth-penalty {\n    mode = 0\n  }',
    ...(owner.rootless ? ['  chroot ='] : []),
    '}',
  ]
  if (owner.rootless) {
    lines.push(
      `default_internal_user = ${owner.name}`,
      `default_login_user = ${owner.name}`,
      `default_internal_group = ${groupName(owner.gid)}`
    )
  }
  return lines.join('\n') + '\n'
}

function othersCanEnter(path) {
  for (let p = path; ; p = dirname(p)) {
    const stat = statSync(p, { throwIfNoEntry: false })
    if (stat && !(stat.mode & 0o001)) return false
    if (p === dirname(p)) return true
  }
}

function tmpFolder(wanted) {
  return join(tmpdir(), `cartera-${basename(wanted)}`)
}

function alive(pid) {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

function answers(port) {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port })
    socket.setTimeout(1000, () => {
      socket.destroy()
      resolve(false)
    })
    socket.once('data', (data) => {
      socket.destroy()
      resolve(data.toString().startsWith('* OK'))
    })
    socket.once('error', () => resolve(false))
  })
}

/**
 * Starts Dovecot with its files in `dir` on `port`. Returns the env for the test process and a
 * stop function, or `{ reason }` when it could not start.
 */
export async function startDovecot({ binary, dir: wanted, port }) {
  const owner = mailOwner()
  // As root, Dovecot's processes run as vmail/dovecot: they must be able to reach the folder.
  // A checkout they cannot enter (e.g. under /root) gets its Dovecot folder in the temp dir.
  const dir = owner.rootless || othersCanEnter(dirname(wanted)) ? wanted : tmpFolder(wanted)
  const mailDir = join(dir, 'mail')
  const usersDir = join(dir, 'users')
  const confFile = join(dir, 'dovecot.conf')
  for (const d of [dir, mailDir, usersDir, join(dir, 'run'), join(dir, 'state')])
    mkdirSync(d, { recursive: true })
  chmodSync(dir, 0o755)
  if (!owner.rootless) chownSync(mailDir, owner.uid, owner.gid)
  chmodSync(usersDir, 0o755)
  writeFileSync(confFile, config({ dir, mailDir, usersDir, port, owner }))
  // The master daemonizes and keeps its stdio: pipes would block spawnSync, so stderr goes to a file.
  const errFile = join(dir, 'start.err')
  const errFd = openSync(errFile, 'w')
  const started = spawnSync(binary, ['-c', confFile], { stdio: ['ignore', 'ignore', errFd] })
  closeSync(errFd)
  started.stderr = readFileSync(errFile, 'utf8')
  const log = () => {
    try {
      return readFileSync(join(dir, 'dovecot.log'), 'utf8').trim().split('\n').slice(-3).join(' | ')
    } catch {
      return ''
    }
  }
  const masterPid = () => {
    try {
      return Number(readFileSync(join(dir, 'run', 'master.pid'), 'utf8')) || 0
    } catch {
      return 0
    }
  }
  // Synchronous, for process.on('exit'): the master only (the folder stays).
  const kill = () => {
    const pid = masterPid()
    if (pid && alive(pid)) process.kill(pid, 'SIGTERM')
  }
  const stop = async () => {
    const pid = masterPid()
    kill()
    // The master removes its sockets on the way out: wait for it before removing the folder.
    for (let i = 0; pid && i < 100 && alive(pid); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    rmSync(dir, { recursive: true, force: true })
  }
  if (started.status !== 0) {
    await stop()
    return { reason: `Dovecot did not start: ${(started.stderr || log()).trim()}` }
  }
  for (let i = 0; i < 100 && !(await answers(port)); i++) {
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  if (!(await answers(port))) {
    const why = log()
    await stop()
    return { reason: `Dovecot does not answer on 127.0.0.1:${port}: ${why}` }
  }
  return {
    env: {
      IMAP_TEST_HOST: '127.0.0.1',
      IMAP_TEST_PORT: String(port),
      DOVECOT_DIR: dir,
      DOVECOT_MAIL_DIR: mailDir,
      DOVECOT_USERS_DIR: usersDir,
      DOVECOT_MAIL_UID: String(owner.uid),
      DOVECOT_MAIL_GID: String(owner.gid),
    },
    stop,
    kill,
  }
}
