/*
| JavaScript entrypoint for running ace commands. It registers the TypeScript
| loader (@poppinss/ts-exec) so the TypeScript sources run without a build.
*/
import '@poppinss/ts-exec'
await import('./bin/console.js')
