import db from '@adonisjs/lucid/services/db'
import { audit } from '#app/history/audit'
import { defaultModuleDeps, type ModuleDeps } from './module_catalog.js'
import { toRuleError } from './install_errors.js'

export const MODULE_SUBJECT = 'kernel.module'

export interface ChangeModuleParams {
  organizationId: number
  actorId: number
  name: string
}

/**
 * Installs a module for the organization (with any missing dependency). Returns the modules
 * newly installed. The audit row's subject is the module's installation row.
 */
export async function installModule(
  params: ChangeModuleParams,
  deps?: ModuleDeps
): Promise<string[]> {
  const { registry, installer } = deps ?? (await defaultModuleDeps())
  let installed: string[]
  try {
    installed = await installer.install(params.organizationId, params.name, params.actorId)
  } catch (error) {
    throw toRuleError(error, registry)
  }
  for (const module of installed) await auditStatus(params, module, 'uninstalled', 'installed')
  return installed
}

/** Uninstalls (disables) a module for the organization; its data stays. */
export async function uninstallModule(
  params: ChangeModuleParams,
  deps?: ModuleDeps
): Promise<boolean> {
  const { registry, installer } = deps ?? (await defaultModuleDeps())
  const wasInstalled = (await installer.installed(params.organizationId)).has(params.name)
  try {
    await installer.uninstall(params.organizationId, params.name)
  } catch (error) {
    throw toRuleError(error, registry)
  }
  if (wasInstalled) await auditStatus(params, params.name, 'installed', 'uninstalled')
  return wasInstalled
}

async function auditStatus(params: ChangeModuleParams, module: string, from: string, to: string) {
  const row = await db
    .from('module_installations')
    .where({ organization_id: params.organizationId, module })
    .select('id')
    .first()
  if (!row) return
  await audit.record({
    organizationId: params.organizationId,
    actorId: params.actorId,
    subjectType: MODULE_SUBJECT,
    subjectId: Number(row.id),
    action: 'update',
    changes: [{ field: 'status', from, to }],
  })
}
