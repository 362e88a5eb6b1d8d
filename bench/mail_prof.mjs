// node bench/mail_prof.mjs <file.cpuprofile> [top] — the functions with the most self time in a
// V8 CPU profile (BENCH_MAIL_CPU_PROF=<dir> npm run bench:mail), and self time per package/file.
import { readFileSync } from 'node:fs'

const [file, top = '30'] = process.argv.slice(2)
const profile = JSON.parse(readFileSync(file, 'utf8'))
const byId = new Map(profile.nodes.map((node) => [node.id, node]))
const self = new Map()
const deltas = profile.timeDeltas
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i]
  self.set(id, (self.get(id) ?? 0) + (deltas[i] ?? 0))
}
const total = [...self.values()].reduce((a, b) => a + b, 0)
const functions = new Map()
const places = new Map()
for (const [id, micros] of self) {
  const { functionName, url, lineNumber } = byId.get(id).callFrame
  const where = url
    .replace(/^file:\/\/.*?node_modules\//, '')
    .replace(/^file:\/\/.*?\/wt-[^/]+\//, '')
  const name = `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`
  functions.set(name, (functions.get(name) ?? 0) + micros)
  const place =
    where.startsWith('node:') || !where
      ? where || '(native/gc/idle)'
      : where
          .split('/')
          .slice(0, where.startsWith('@') ? 2 : 1)
          .join('/')
  places.set(place, (places.get(place) ?? 0) + micros)
}
const show = (map, n) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .forEach(([name, micros]) =>
      console.log(
        `${(micros / 1000).toFixed(0).padStart(7)} ms ${((micros / total) * 100).toFixed(1).padStart(5)}%  ${name}`
      )
    )
console.log(`total ${(total / 1000).toFixed(0)} ms sampled\n-- by package/folder`)
show(places, 25)
console.log('-- by function')
show(functions, Number(top))

// Inclusive time of the app's own functions (modules/, app/): what each costs with its callees
// (synchronous callees only: an await cuts the stack).
const parent = new Map()
for (const node of profile.nodes)
  for (const child of node.children ?? []) parent.set(child, node.id)
const inclusive = new Map()
for (const [id, micros] of self) {
  const seen = new Set()
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const { functionName, url, lineNumber } = byId.get(at).callFrame
    if (!/^file:.*\/(modules|app)\//.test(url) || url.includes('node_modules')) continue
    const name = `${functionName || '(anonymous)'} ${url.replace(/^.*?\/wt-[^/]+\//, '')}:${lineNumber + 1}`
    if (seen.has(name)) continue
    seen.add(name)
    inclusive.set(name, (inclusive.get(name) ?? 0) + micros)
  }
}
console.log('-- inclusive, app code')
show(inclusive, Number(top))
