/*
| The analytics module's background jobs, by key (the manifest's `jobs`): each feature exports
| its job classes from its own file and this one re-exports them.
*/
export * from './alerts.js'
export * from './rollups.js'
