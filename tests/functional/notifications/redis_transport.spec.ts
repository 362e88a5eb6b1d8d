import { test } from '@japa/runner'
import { createServer, request, type Server } from 'node:http'
import { Socket, type AddressInfo } from 'node:net'
import { Transmit } from '@boringnode/transmit'
import { redisTransport } from '#config/transmit'

const REDIS = {
  host: process.env.REDIS_HOST ?? '127.0.0.1',
  port: Number(process.env.REDIS_PORT ?? 6379),
}
const required = process.env.CARTERA_REQUIRE_SERVICES === '1'
const redisUp = await new Promise<boolean>((resolve) => {
  const socket = new Socket()
  socket.setTimeout(500)
  socket.once('connect', () => {
    socket.destroy()
    resolve(true)
  })
  socket.once('error', () => resolve(false))
  socket.once('timeout', () => resolve(false))
  socket.connect(REDIS.port, REDIS.host)
})

test.group('Live notifications across instances (TRANSMIT_TRANSPORT=redis)', () => {
  test('a broadcast on one instance reaches a stream open on another', async ({ assert }) => {
    // Two Transmit instances with config/transmit.ts's Redis transport stand for two app
    // processes; instance two serves a real server-sent-events stream over HTTP.
    const one = new Transmit({ pingInterval: false, transport: null }, redisTransport()())
    const two = new Transmit({ pingInterval: false, transport: null }, redisTransport()())
    const uid = `test-${Date.now()}`
    const server: Server = createServer((req, res) => {
      const stream = two.createStream({ uid, request: req, response: res, context: {} })
      stream.on('error', () => {})
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const received: string[] = []
    const req = request(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, (res) =>
      res.on('data', (chunk) => received.push(String(chunk)))
    )
    req.end()
    try {
      const deadline = Date.now() + 5000
      while (
        !(await two.subscribe({ uid, channel: 'users/7/notifications', context: {} as any }))
      ) {
        if (Date.now() > deadline) throw new Error('stream not opened')
        await new Promise((r) => setTimeout(r, 20))
      }
      // The Redis subscription of instance two may still be settling: publish until it arrives.
      while (!received.join('').includes('"id":42')) {
        if (Date.now() > deadline) throw new Error(`nothing crossed Redis: ${received}`)
        one.broadcast('users/7/notifications', { type: 'created', id: 42 })
        await new Promise((r) => setTimeout(r, 100))
      }
      assert.include(received.join(''), 'users/7/notifications')
    } finally {
      req.destroy()
      server.close()
      await Promise.all([one.shutdown(), two.shutdown()])
    }
  })
    .skip(!redisUp && !required, `no Redis at ${REDIS.host}:${REDIS.port} (not tested)`)
    .timeout(20_000)
})
