import db from '@adonisjs/lucid/services/db'

/**
 * Deletes everything of the given organizations: rows carrying their id, and rows pointing at
 * their users, roles and teams. Foreign keys are checked at commit, so the order is free.
 */
export async function removeOrganizations(ids: number[]) {
  if (!ids.length) return
  // The schema is read before the transaction: these helpers use the connection, not the
  // transaction, and would wait for it (the very trap these tests are about).
  const client = db.connection()
  const tables: { name: string; columns: string[] }[] = []
  for (const name of await client.getAllTables()) {
    if (!name.startsWith('adonis_schema') && name !== 'organizations')
      tables.push({ name, columns: Object.keys(await client.columnsInfo(name)) })
  }
  await db.transaction(async (trx) => {
    const sqlite = ['better-sqlite3', 'sqlite3', 'libsql'].includes(trx.dialect.name)
    await trx.rawQuery(sqlite ? 'PRAGMA defer_foreign_keys = ON' : 'SET FOREIGN_KEY_CHECKS = 0')
    const idsOf = async (table: string) =>
      (await trx.from(table).whereIn('organization_id', ids).select('id')).map((r) => Number(r.id))
    const users = await idsOf('users')
    const owners: Record<string, number[]> = {
      organization_id: ids,
      user_id: users,
      tokenable_id: users,
      role_id: await idsOf('roles'),
      team_id: await idsOf('teams'),
    }
    for (const table of tables) {
      const keys = Object.entries(owners).filter(
        ([column, list]) => table.columns.includes(column) && list.length
      )
      if (keys.length)
        await trx
          .from(table.name)
          .where((w) => {
            for (const [column, list] of keys) w.orWhereIn(column, list)
          })
          .delete()
    }
    await trx.from('organizations').whereIn('id', ids).delete()
    if (!sqlite) await trx.rawQuery('SET FOREIGN_KEY_CHECKS = 1')
  })
}
