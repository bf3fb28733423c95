// The Markdown of minutes and reports (issue 5): headings, bullet and numbered
// lists, pipe tables, bold and paragraphs. Every character of the user's text
// is HTML-escaped before any tag is added, and only the tags below are ever
// produced, so no markup the user typed reaches the page.

const kEscapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => kEscapes[c] ?? c)
}

function inline(text: string): string {
  return escapeHtml(text).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
}

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim())
}

const isTableLine = (line: string): boolean => line.trim().startsWith('|')
const isSeparator = (row: string[]): boolean =>
  row.every((c) => /^:?-+:?$/.test(c))

function table(lines: string[]): string {
  const rows = lines.map(cells).filter((row) => !isSeparator(row))
  const [head, ...body] = rows
  const th = (head ?? []).map((c) => `<th>${inline(c)}</th>`).join('')
  const trs = body
    .map((r) => `<tr>${r.map((c) => `<td>${inline(c)}</td>`).join('')}</tr>`)
    .join('')
  return `<table><thead><tr>${th}</tr></thead><tbody>${trs}</tbody></table>`
}

/** Safe HTML for the Markdown subset above. */
export function renderMarkdown(markdown: string): string {
  const lines = markdown.replace(/\r/g, '').split('\n')
  const out: string[] = []
  let paragraph: string[] = []
  let list: { tag: 'ul' | 'ol'; items: string[] } | null = null

  const flush = (): void => {
    if (paragraph.length)
      out.push(`<p>${paragraph.map(inline).join('<br>')}</p>`)
    paragraph = []
    if (list) {
      const items = list.items.map((i) => `<li>${inline(i)}</li>`).join('')
      out.push(`<${list.tag}>${items}</${list.tag}>`)
    }
    list = null
  }

  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim()
    const heading = /^(#{1,4})\s+(.*)$/.exec(line)
    const bullet = /^[-*]\s+(.*)$/.exec(line)
    const numbered = /^\d+[.、]\s*(.*)$/.exec(line)
    if (!line) {
      flush()
    } else if (isTableLine(line)) {
      flush()
      const block: string[] = []
      while (i < lines.length && isTableLine(lines[i] ?? ''))
        block.push(lines[i++] ?? '')
      i--
      out.push(table(block))
    } else if (heading) {
      flush()
      const level = (heading[1] ?? '').length + 1
      out.push(`<h${level}>${inline(heading[2] ?? '')}</h${level}>`)
    } else if (bullet || numbered) {
      const tag = bullet ? 'ul' : 'ol'
      if (paragraph.length || (list && list.tag !== tag)) flush()
      list ??= { tag, items: [] }
      list.items.push((bullet ?? numbered)?.[1] ?? '')
    } else {
      if (list) flush()
      paragraph.push(line)
    }
  }
  flush()
  return out.join('')
}
