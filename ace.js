/*
| JavaScript entrypoint for running ace commands. It registers the TypeScript
| loader (ts-node) so the TypeScript sources can be imported without a build.
*/
import 'ts-node-maintained/register/esm'
await import('./bin/console.js')
