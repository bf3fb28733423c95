// The text of a PDF as poppler's pdftotext extracts it: proof that the Chinese
// is real, selectable text and not pictures of it. `-raw` keeps the order in
// which the text was drawn, so a table cell's lines stay together.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

export function pdfText(bytes) {
  const dir = mkdtempSync(path.join(tmpdir(), 'xf-pdf-'))
  try {
    const file = path.join(dir, 'doc.pdf')
    writeFileSync(file, bytes)
    return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], {
      encoding: 'utf8',
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export function pdfPages(bytes) {
  const dir = mkdtempSync(path.join(tmpdir(), 'xf-pdf-'))
  try {
    const file = path.join(dir, 'doc.pdf')
    writeFileSync(file, bytes)
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' })
    return {
      pages: Number(/Pages:\s+(\d+)/.exec(info)[1]),
      size: /Page size:\s+(.*)/.exec(info)[1],
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
