// Client-side mirror of the server's identity checks (src/core/identity.*),
// so that the reception desk sees a typing mistake before sending. The
// server checks again and its error is the one that counts.

const kIdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const kIdCheck = '10X98765432'
// Province-level codes of GB/T 2260, with 71 and 81–83 (residence permits).
const kProvinceRanges: readonly [number, number][] = [
  [11, 15],
  [21, 23],
  [31, 37],
  [41, 46],
  [50, 54],
  [61, 65],
  [71, 71],
  [81, 83],
]

export type IdNumberProblem =
  'length' | 'characters' | 'region' | 'birthDate' | 'checksum'

/** Trims and upper-cases a final x, as the server does before checking. */
export function normalizeIdNumber(text: string): string {
  const id = text.trim()
  return id.endsWith('x') ? `${id.slice(0, -1)}X` : id
}

function birthDateProblem(id: string, today: Date): boolean {
  const year = Number(id.slice(6, 10))
  const month = Number(id.slice(10, 12))
  const day = Number(id.slice(12, 14))
  const birth = new Date(Date.UTC(year, month - 1, day))
  const real =
    birth.getUTCFullYear() === year &&
    birth.getUTCMonth() === month - 1 &&
    birth.getUTCDate() === day
  return !real || year < 1900 || birth.getTime() > today.getTime()
}

/** The first problem of a GB 11643 citizen ID number, or null when valid. */
export function checkIdNumber(
  text: string,
  today = new Date(),
): IdNumberProblem | null {
  const id = normalizeIdNumber(text)
  if (id.length !== 18) return 'length'
  if (!/^\d{17}[\dX]$/.test(id)) return 'characters'

  const province = Number(id.slice(0, 2))
  const known = kProvinceRanges.some(
    ([low, high]) => province >= low && province <= high,
  )
  if (!known) return 'region'
  if (birthDateProblem(id, today)) return 'birthDate'

  const sum = kIdWeights.reduce(
    (total, weight, i) => total + weight * Number(id[i]),
    0,
  )
  return kIdCheck[sum % 11] === id[17] ? null : 'checksum'
}

function phoneDigits(text: string): string | null {
  let digits = ''
  for (const ch of text.trim()) {
    const code = ch.codePointAt(0) ?? 0
    if (ch >= '0' && ch <= '9') digits += ch
    else if (code >= 0xff10 && code <= 0xff19) {
      digits += String(code - 0xff10)
    } else if (ch === '+' && digits === '') digits += ch
    else if (!' -()（）－\u3000'.includes(ch)) return null
  }
  return digits
}

function isMobile(d: string): boolean {
  return /^1[3-9]\d{9}$/.test(d)
}

function isLocal(d: string): boolean {
  return /^[2-9]\d{6,7}$/.test(d)
}

function isLandlineWithArea(d: string): boolean {
  if (!/^0\d{9,}$/.test(d)) return false
  const shortArea = d.startsWith('010') || d[1] === '2'
  if (!shortArea && !/^0[3-9]/.test(d)) return false
  const local = d.slice(shortArea ? 3 : 4)
  return isLocal(local) && (!shortArea || local.length === 8)
}

function isInternational(d: string): boolean {
  return isMobile(d) || isLandlineWithArea(`0${d}`)
}

/** A mainland mobile or landline number, spelled as people write them. */
export function isMainlandPhone(text: string): boolean {
  const d = phoneDigits(text)
  if (!d) return false
  if (d.startsWith('+86')) return isInternational(d.slice(3))
  if (d.startsWith('+')) return false
  if (d.startsWith('0086')) return isInternational(d.slice(4))
  if (d.length === 13 && d.startsWith('86')) return isInternational(d.slice(2))
  return isMobile(d) || isLandlineWithArea(d) || isLocal(d)
}
