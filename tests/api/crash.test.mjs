// The crash test of DESIGN.md §6: no acknowledged write is lost when the
// process is killed. A second server on the same database takes a stream of
// registrations from several concurrent clients and is killed with SIGKILL
// while requests are still in flight; every petition it acknowledged with 201
// must then be readable, whole, through the main server.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import net from 'node:net'
import path from 'node:path'
import { test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import {
  env,
  expectStatus,
  loggedIn,
  petitionBody,
  uniq,
} from './lib.mjs'

const kClients = 6
const kKillAfterAcknowledged = 30

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

async function startVictim() {
  const port = await freePort()
  const child = spawn(
    path.resolve(env('XINFANG_BIN')),
    ['serve', '--db', env('XINFANG_DB_URL'), '--listen', `127.0.0.1:${port}`],
    { stdio: ['ignore', 'ignore', 'ignore'] },
  )
  const exited = new Promise((resolve) => child.once('exit', resolve))
  const url = `http://127.0.0.1:${port}`
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).status === 200) return { child, exited, url }
    } catch {
      // Not listening yet.
    }
    await sleep(100)
  }
  child.kill('SIGKILL')
  throw new Error('the server to be killed did not start')
}

test(
  'petitions acknowledged before a SIGKILL are all there afterwards',
  { timeout: 120_000 },
  async () => {
    const main = await loggedIn('tiaochu')
    const victim = await startVictim()
    const client = await loggedIn('tiaochu', undefined, victim.url)
    const marker = uniq('crash')

    const acknowledged = []
    let killed = false
    let refused = 0

    const worker = async (n) => {
      for (let i = 0; !killed || i === 0; i++) {
        const body = await petitionBody(main, { summary: `${marker}-${n}-${i} 夜间噪声` })
        let res
        try {
          res = await client.post('/api/v1/petitions', body)
        } catch {
          refused++ // the connection died with the process: not acknowledged
          return
        }
        if (res.status === 201) {
          acknowledged.push({ id: res.json.id, code: res.json.code, summary: body.summary })
          if (acknowledged.length >= kKillAfterAcknowledged && !killed) {
            killed = true
            victim.child.kill('SIGKILL')
          }
        }
      }
    }
    await Promise.all(Array.from({ length: kClients }, (_, n) => worker(n)))
    await victim.exited

    assert.ok(acknowledged.length >= kKillAfterAcknowledged)
    for (const petition of acknowledged) {
      const res = await main.get(`/api/v1/petitions/${petition.id}`)
      expectStatus(res, 200, `acknowledged petition ${petition.code}`)
      assert.equal(res.json.code, petition.code)
      assert.equal(res.json.summary, petition.summary)
      assert.equal(res.json.petitioners.length, 1)
      assert.ok(res.json.timeline.some((e) => e.action === 'register'))
    }
    // Codes stay unique across the kill: a number handed out in a transaction that died is
    // never handed out twice.
    const codes = new Set(acknowledged.map((p) => p.code))
    assert.equal(codes.size, acknowledged.length)
    console.log(
      `crash test: ${acknowledged.length} acknowledged, ${refused} cut off by the kill, all acknowledged found`,
    )
  },
)
