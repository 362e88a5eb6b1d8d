/*
 * Ace commands of built-in modules: every `modules/<name>/commands/*` file whose default export
 * is a command class (`node ace mail:import …`). Listed in adonisrc.ts `commands` as a loader
 * module (getMetaData + getCommand), so a module adds commands without kernel edits.
 */
import { readdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

type CommandClass = { commandName: string; serialize(): Record<string, unknown> } & Function

let loaded: Promise<{ meta: Record<string, unknown>; command: CommandClass }[]> | undefined

async function load() {
  const root = new URL('../../modules/', import.meta.url)
  const out: { meta: Record<string, unknown>; command: CommandClass }[] = []
  const modules = await readdir(fileURLToPath(root)).catch(() => [] as string[])
  for (const name of modules.sort()) {
    const folder = new URL(`${name}/commands/`, root)
    const files = await readdir(fileURLToPath(folder)).catch(() => [] as string[])
    for (const file of files.sort()) {
      if (!/\.(js|ts)$/.test(file) || file.endsWith('.d.ts')) continue
      const { default: command } = await import(new URL(file, folder).href)
      if (command?.commandName) out.push({ meta: command.serialize(), command })
    }
  }
  return out
}

export async function getMetaData() {
  loaded ??= load()
  return (await loaded).map((c) => c.meta)
}

export async function getCommand(meta: { commandName: string }) {
  loaded ??= load()
  return (await loaded).find((c) => c.command.commandName === meta.commandName)?.command ?? null
}
