// Official days off and adjusted working days (api-contract "Calendar", DESIGN
// §7).
import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'
import { admin, expectError, expectStatus } from './lib.mjs'

let client

before(async () => {
  client = await admin()
})

async function year(y) {
  const res = await client.get(`/api/v1/calendar/${y}`)
  expectStatus(res, 200, `calendar ${y}`)
  return res.json
}

function dates(entries) {
  return entries.map((e) => e.date)
}

describe('known years', () => {
  test('2023 has the Spring Festival days off and the two weekend workdays', async () => {
    const cal = await year(2023)

    assert.deepEqual(Object.keys(cal).sort(), [
      'days_off',
      'known',
      'workdays',
      'year',
    ])
    assert.equal(cal.year, 2023)
    assert.equal(cal.known, true)
    const festival = cal.days_off.filter((d) => d.name.includes('春节'))
    assert.ok(festival.length > 0, 'days off named 春节')
    for (const day of ['2023-01-21', '2023-01-24', '2023-01-27']) {
      assert.ok(dates(festival).includes(day), day)
    }
    assert.ok(dates(cal.workdays).includes('2023-01-28'))
    assert.ok(dates(cal.workdays).includes('2023-01-29'))
    assert.ok(dates(cal.days_off).includes('2023-10-06'))
    assert.ok(!dates(cal.days_off).includes('2023-01-28'))
  })

  test('every entry is a {date, name} pair of that year, sorted', async () => {
    for (const y of [2023, 2024, 2025, 2026]) {
      const cal = await year(y)

      for (const entry of [...cal.days_off, ...cal.workdays]) {
        assert.deepEqual(Object.keys(entry).sort(), ['date', 'name'])
        assert.match(entry.date, /^\d{4}-\d\d-\d\d$/)
        assert.ok(entry.name.length > 0)
      }
      for (const list of [cal.days_off, cal.workdays]) {
        const ds = dates(list)
        assert.deepEqual(ds, [...ds].sort())
        assert.equal(new Set(ds).size, ds.length)
      }
    }
  })

  test('2026-02-17 (Spring Festival) is a day off', async () => {
    const cal = await year(2026)

    assert.equal(cal.known, true)
    assert.ok(dates(cal.days_off).includes('2026-02-17'))
    assert.ok(dates(cal.workdays).includes('2026-02-14'))
    assert.ok(dates(cal.workdays).includes('2026-02-28'))
  })

  test('2025-10-08 (National Day and Mid-Autumn) is a day off', async () => {
    const cal = await year(2025)

    assert.ok(dates(cal.days_off).includes('2025-10-08'))
    assert.ok(dates(cal.workdays).includes('2025-09-28'))
    assert.ok(dates(cal.workdays).includes('2025-10-11'))
  })

  test('2024 has its eight weekend workdays', async () => {
    const cal = await year(2024)

    assert.deepEqual(dates(cal.workdays), [
      '2024-02-04',
      '2024-02-18',
      '2024-04-07',
      '2024-04-28',
      '2024-05-11',
      '2024-09-14',
      '2024-09-29',
      '2024-10-12',
    ])
  })
})

describe('unknown and invalid years', () => {
  test('2030 is known:false with empty lists', async () => {
    const cal = await year(2030)

    assert.equal(cal.year, 2030)
    assert.equal(cal.known, false)
    assert.deepEqual(cal.days_off, [])
    assert.deepEqual(cal.workdays, [])
  })

  for (const bad of ['abc', '1899', '2201', '20x3', '-2023', '2023.5']) {
    test(`year ${bad} is 400 validation.invalid`, async () => {
      expectError(
        await client.get(`/api/v1/calendar/${bad}`),
        400,
        'validation.invalid',
      )
    })
  }
})
