// The guard's answers (bench/run.sh --guard): after the short load benchmark, the server must
// still say what the loader wrote (bench/load_main.cpp, expected.json). Fails on a wrong answer,
// never on speed.
//
//   XINFANG_URL=http://127.0.0.1:PORT node bench/check.mjs expected.json REGISTERED
//
// REGISTERED is the number of registrations wrk counted; a few more may have been in flight
// when it stopped, so totals are checked within that margin.
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';

const base = process.env.XINFANG_URL;
const expected = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const registered = Number(process.argv[3] ?? 0);
const inFlight = 32;
const password = process.env.XINFANG_ADMIN_PASSWORD;

let cookie = '';
let csrf = '';
async function call(method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrf },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  assert.equal(response.status, 200, `${method} ${path}: ${response.status} ${text}`);
  const setCookie = response.headers.get('set-cookie');
  if (setCookie) cookie = setCookie.split(';')[0];
  return JSON.parse(text);
}

const checks = [];
function check(name, body) {
  checks.push({ name, body });
}

function between(value, low, high, what) {
  assert.ok(value >= low && value <= high, `${what}: ${value} not in [${low}, ${high}]`);
}

check('the total counts every loaded and registered petition', async () => {
  const { total } = await call('GET', '/api/v1/petitions?page_size=1');
  between(total, expected.count + registered, expected.count + registered + inFlight, 'total');
});

check('each region counts its petitions', async () => {
  for (const [regionId, n] of Object.entries(expected.by_region)) {
    const { total } = await call('GET', `/api/v1/petitions?page_size=1&region_id=${regionId}`);
    between(total, n, n + registered + inFlight, `region ${regionId}`);
  }
});

check('closed petitions are exactly those the loader closed', async () => {
  const { total } = await call('GET', '/api/v1/petitions?page_size=1&status=closed');
  assert.equal(total, expected.by_status.closed ?? 0);
});

check('details carry the status, timeline and masked identity written', async () => {
  for (const sample of expected.samples) {
    const detail = await call('GET', `/api/v1/petitions/${sample.id}`);
    assert.equal(detail.status, sample.status, `petition ${sample.id} status`);
    assert.equal(detail.timeline.length, sample.events, `petition ${sample.id} timeline`);
    const masked = detail.petitioners[0].id_number;
    assert.equal(masked.slice(0, 6), sample.id_number.slice(0, 6));
    assert.equal(masked.slice(-4), sample.id_number.slice(-4));
    assert.ok(!JSON.stringify(detail).includes(sample.id_number), 'ID number shown in clear');
  }
});

check('a respondent search finds that respondent', async () => {
  for (const sample of expected.samples.slice(0, 30)) {
    const q = encodeURIComponent(sample.respondent);
    const page = await call('GET', `/api/v1/petitions?page_size=50&q=${q}`);
    assert.ok(page.total >= 1, `no result for ${sample.respondent}`);
    assert.ok(
      page.items.some((item) => item.respondent === sample.respondent),
      `${sample.respondent} not on the first page`,
    );
  }
});

check('repeat candidates are the same person’s petitions of the last year', async () => {
  const since = Date.now() / 1000 - 365 * 86400;
  for (const person of expected.recurring) {
    const { items } = await call('POST', '/api/v1/petitions/repeat-candidates', {
      id_number: person.id_number,
      phone: person.phone,
    });
    const own = new Set(person.petitions.map((p) => p.id));
    // Petitions above max_id were registered by the run, some for these same people.
    for (const item of items) {
      assert.ok(own.has(item.id) || item.id > expected.max_id, `${item.id} is not theirs`);
    }
    const recent = person.petitions.filter((p) => p.received_at >= since).length;
    between(items.length, Math.min(recent, 20), 20, 'candidates of the last year');
  }
});

check('petitions registered during the run are listed, and steps were taken on them', async () => {
  if (registered === 0) return;
  // The loaded petitions end days ago (--until); the run's were received in the last hours.
  const from = new Date(Date.now() - 2 * 86400 * 1000).toISOString().slice(0, 10);
  const recent = await call('GET', `/api/v1/petitions?page_size=1&from=${from}`);
  between(recent.total, registered, registered + inFlight, 'registered by the run');
  // The transition run accepts, replies, then records satisfaction: a petition it reached is
  // accepted or already replied to.
  const accepted = await call(
    'GET',
    `/api/v1/petitions?page_size=50&status=accepted,replied&from=${from}`,
  );
  assert.ok(accepted.total >= 1, 'none accepted');
  const detail = await call('GET', `/api/v1/petitions/${accepted.items[0].id}`);
  assert.equal(detail.timeline[1].action, 'accept');
  assert.ok(detail.version >= 2, `version ${detail.version}`);
});

({ csrf_token: csrf } = await call('POST', '/api/v1/session', {
  username: 'tiaochu',
  password,
}));
let failed = 0;
for (const { name, body } of checks) {
  try {
    await body();
    console.log(`ok - ${name}`);
  } catch (error) {
    failed += 1;
    console.log(`not ok - ${name}: ${error.message}`);
  }
}
console.log(`${checks.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
