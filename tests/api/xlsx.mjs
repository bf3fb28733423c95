// A reader of XLSX files written for the tests, independent of the server's
// libxlsxwriter and libzip: the zip container is walked by hand and inflated
// with node:zlib, the sheets are parsed with fast-xml-parser. It gives, per
// sheet, its name, the cells as a grid of strings and the merged ranges, which
// is what the round-trip tests compare with the seed.
import { inflateRawSync } from 'node:zlib'
import { XMLParser } from 'fast-xml-parser'

function zipEntries(buffer) {
  let eocd = buffer.length - 22
  while (eocd >= 0 && buffer.readUInt32LE(eocd) !== 0x06054b50) eocd--
  if (eocd < 0) throw new Error('not a zip file')
  const count = buffer.readUInt16LE(eocd + 10)
  let at = buffer.readUInt32LE(eocd + 16)
  const entries = new Map()
  for (let i = 0; i < count; i++) {
    if (buffer.readUInt32LE(at) !== 0x02014b50) throw new Error('bad zip')
    const method = buffer.readUInt16LE(at + 10)
    const size = buffer.readUInt32LE(at + 20)
    const nameLength = buffer.readUInt16LE(at + 28)
    const extraLength = buffer.readUInt16LE(at + 30)
    const commentLength = buffer.readUInt16LE(at + 32)
    const local = buffer.readUInt32LE(at + 42)
    const name = buffer.toString('utf8', at + 46, at + 46 + nameLength)
    const dataAt =
      local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28)
    const raw = buffer.subarray(dataAt, dataAt + size)
    entries.set(name, method === 8 ? inflateRawSync(raw) : raw)
    at += 46 + nameLength + extraLength + commentLength
  }
  return entries
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  trimValues: false,
  isArray: (name) =>
    ['row', 'c', 'si', 'r', 'mergeCell', 'sheet', 'Relationship'].includes(
      name,
    ),
})

function text(node) {
  if (node === undefined || node === null) return ''
  if (typeof node === 'string') return node
  if (typeof node === 'number') return String(node)
  return node['#text'] ?? ''
}

function sharedString(si) {
  if (si.t !== undefined) return text(si.t)
  return (si.r ?? []).map((run) => text(run.t)).join('')
}

function columnIndex(ref) {
  let col = 0
  for (const ch of ref.match(/^[A-Z]+/)[0]) col = col * 26 + ch.charCodeAt(0) - 64
  return col - 1
}

// { sheets: [{ name, rows: string[][], merges: ['A1:E1', ...] }] }
export function readXlsx(buffer) {
  const files = zipEntries(buffer)
  const xml = (name) => parser.parse(files.get(name).toString('utf8'))
  const strings = files.has('xl/sharedStrings.xml')
    ? (xml('xl/sharedStrings.xml').sst.si ?? []).map(sharedString)
    : []
  const rels = new Map(
    xml('xl/_rels/workbook.xml.rels').Relationships.Relationship.map((r) => [
      r['@_Id'],
      r['@_Target'],
    ]),
  )
  const sheets = xml('xl/workbook.xml').workbook.sheets.sheet.map((s) => {
    const target = rels.get(s['@_r:id'])
    const doc = xml(target.startsWith('/') ? target.slice(1) : `xl/${target}`)
    const rows = []
    for (const row of doc.worksheet.sheetData?.row ?? []) {
      const r = Number(row['@_r']) - 1
      rows[r] = rows[r] ?? []
      for (const c of row.c ?? []) {
        const value =
          c['@_t'] === 's'
            ? strings[Number(text(c.v))]
            : c['@_t'] === 'inlineStr'
              ? text(c.is?.t)
              : text(c.v)
        rows[r][columnIndex(c['@_r'])] = value
      }
    }
    for (let i = 0; i < rows.length; i++) rows[i] = Array.from(rows[i] ?? [], (v) => v ?? '')
    const merges = (doc.worksheet.mergeCells?.mergeCell ?? []).map(
      (m) => m['@_ref'],
    )
    const setup = doc.worksheet.pageSetup ?? {}
    return {
      name: s['@_name'],
      rows,
      merges,
      orientation: setup['@_orientation'] ?? 'portrait',
      paperSize: setup['@_paperSize'],
    }
  })
  return { sheets }
}
