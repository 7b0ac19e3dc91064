/**
 * Benchmark of the CSV import: boots the real api in-process on a fresh, migrated database of its own, uploads
 * generated files over real HTTP and prints rows/s and peak RSS.
 *
 *   npx ts-node -r tsconfig-paths/register --transpile-only bench/import.bench.ts
 *
 * Needs PostgreSQL (BENCH_ADMIN_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres) and Redis
 * (BENCH_REDIS_URL, default redis://127.0.0.1:6379). The database is dropped at the end, also on failure.
 * Sizes can be changed with BENCH_COMPANIES, BENCH_FUNDS, BENCH_CENTRES; the generator is seeded (BENCH_SEED).
 *
 * Every list cell of the companies file holds at least one item by default; BENCH_EMPTY_LISTS=1 lets company list
 * cells be empty, as real exports often are (an empty list cell imports as an empty list).
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { setAppEnvironment } from './support/app-environment';
import { benchServices } from './support/bench-services';
import { peakRssMb } from './support/peak-rss';
import { printTable } from './support/print-table';
import { deleteRedisKeys } from './support/redis-keys';
import { runBench } from './support/run-bench';
import { createScratchDatabase } from './support/scratch-database';
import { seededRandom, type SeededRandom } from './support/seeded-random';

const { adminUrl: ADMIN_URL, redisUrl: REDIS_URL } = benchServices();
const SIZES = {
  companies: Number(process.env.BENCH_COMPANIES ?? 10_000),
  funds: Number(process.env.BENCH_FUNDS ?? 2_000),
  centres: Number(process.env.BENCH_CENTRES ?? 1_000),
};
const SEED = Number(process.env.BENCH_SEED ?? 20261101);
const EMPTY_LISTS = process.env.BENCH_EMPTY_LISTS === '1';

const stamp = `${Date.now()}`;
const DB_NAME = `hubmatch_bench_${stamp}`;
const REDIS_PREFIX = `hubbench:${stamp}`;

// ---------------------------------------------------------------------------------------------------------------
// Deterministic data


const CITIES: Array<[string, string]> = [
  ['Milano', 'Lombardia'], ['Bergamo', 'Lombardia'], ['Brescia', 'Lombardia'], ['Pavia', 'Lombardia'], ['Monza', 'Lombardia'],
  ['Varese', 'Lombardia'], ['Como', 'Lombardia'], ['Cantù', 'Lombardia'], ['Lecco', 'Lombardia'], ['Cremona', 'Lombardia'],
  ['Sesto San Giovanni', 'Lombardia'], ['Segrate', 'Lombardia'], ['Rozzano', 'Lombardia'], ['Torino', 'Piemonte'],
  ['Bologna', 'Emilia-Romagna'], ['Padova', 'Veneto'], ['Forlì', 'Emilia-Romagna'], ['Roma', 'Lazio'], ['Napoli', 'Campania'],
];
const FOREIGN: Array<[string, string, string]> = [
  ['DE', 'Bayern', 'München'], ['FR', 'Île-de-France', 'Paris'], ['CH', 'Ticino', 'Lugano'], ['ES', 'Cataluña', 'Barcelona'],
  ['NL', 'Noord-Holland', 'Amsterdam'], ['GB', 'England', 'Cambridge'], ['US', 'Massachusetts', 'Boston'], ['BE', 'Vlaanderen', 'Gent'],
];
const ROOTS = ['Gene', 'Neuro', 'Cardio', 'Onco', 'Immuno', 'Derma', 'Osteo', 'Pneumo', 'Bio', 'Medi', 'Cyto', 'Vita', 'Nano', 'Thera', 'Diagno', 'Salu', 'Ortho', 'Micro'];
const TAILS = ['tech', 'gen', 'logic', 'vax', 'cura', 'sense', 'lab', 'med', 'cell', 'path', 'nova', 'form', 'metrix', 'via'];
const SUFFIXES = ['S.r.l.', 'S.p.A.', 'Therapeutics', 'Biotech S.r.l.', 'Diagnostics', 'Società Benefit', 'Health', 'AG', 'SAS'];
const PITCH_PARTS = [
  'Terapie cellulari per tumori solidi',
  'AI-based triage of chest CT scans',
  'Wearable sensors for post-operative rehabilitation',
  'Small molecules against neurodegeneration',
  'Diagnostica in vitro rapida, più precisa e più economica',
  'mRNA vaccines for rare infectious diseases',
  'Digital therapeutics for chronic pain',
  'Biopsia liquida per il monitoraggio della recidiva',
  'Implantable devices with remote monitoring',
  'Manufacturing GMP "as a service" per ATMP',
];
const NEEDS = ['GMP manufacturing capacity', 'access to clinical cohorts', 'regulatory support (MDR/IVDR)', 'co-development partner', 'licensing-in of IP', 'dati real-world e accesso a biobanche'];
const FUND_WORDS = ['Lombardy', 'Alpine', 'Milano', 'Insubria', 'Padana', 'Ticino', 'Adriatic', 'Euro', 'Helix', 'Cardine'];
const FUND_KINDS = ['Life Sciences Fund', 'Bio Ventures', 'Health Capital', 'MedTech Fund', 'Venture Partners', 'Innovazione Salute'];
const MANAGERS = ['Panakès Partners SGR', 'Indaco Venture Partners SGR', 'Sofinnova Partners', 'CDP Venture Capital SGR', 'Claris Ventures SGR', 'XGEN Venture', 'Eureka! Venture SGR'];
const CENTRE_PREFIXES = ['IRCCS Istituto', 'Università degli Studi di', 'Ospedale', 'Fondazione', 'Istituto di Ricerche', 'Centro Trasferimento Tecnologico'];
const CENTRE_NAMES = ['San Raffaele', 'Mario Negri', 'Humanitas', 'Besta', 'Policlinico', 'Maugeri', 'Niguarda', 'Galeazzi', 'Bicocca', 'Insubria', 'Pavia', 'Brescia'];

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function cell(value: string | number | boolean | null | undefined | readonly string[]): string {
  if (value === null || value === undefined) return '';
  const text = Array.isArray(value) ? value.join(';') : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function toCsv(columns: readonly string[], rows: ReadonlyArray<Record<string, unknown>>): string {
  const lines = [columns.join(',')];
  for (const row of rows) lines.push(columns.map((c) => cell(row[c] as never)).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

interface Vocabulary {
  sectors: string[];
  therapeuticAreas: string[];
  modalities: string[];
  companyKinds: readonly string[];
  centreKinds: readonly string[];
  stages: readonly string[];
  ipStatuses: readonly string[];
  lookingFor: readonly string[];
}

function place(r: SeededRandom): { country: string; region: string; city: string } {
  if (r.chance(0.85)) {
    const [city, region] = r.pick(CITIES);
    return { country: 'IT', region, city };
  }
  const [country, region, city] = r.pick(FOREIGN);
  return { country, region, city };
}

function companiesCsv(r: SeededRandom, v: Vocabulary, n: number): string {
  const currentYear = new Date().getUTCFullYear();
  const columns = [
    'externalId', 'name', 'kind', 'website', 'country', 'region', 'city', 'foundedYear', 'employees', 'pitch', 'description',
    'sectors', 'therapeuticAreas', 'modalities', 'stage', 'trl', 'fundingSoughtEur', 'ipStatus', 'lookingFor', 'technologyNeeds',
  ];
  const minItems = EMPTY_LISTS ? 0 : 1;
  const rows = [];
  for (let i = 1; i <= n; i++) {
    const name = `${r.pick(ROOTS)}${r.pick(TAILS)} ${r.pick(SUFFIXES)} ${i}`;
    const where = place(r);
    const kind = r.pick(v.companyKinds);
    const pitch = r.pick(PITCH_PARTS);
    rows.push({
      externalId: `CRM-CO-${String(i).padStart(6, '0')}`,
      name,
      kind,
      website: r.chance(0.8) ? `https://www.${slug(name)}.example.it` : null,
      ...where,
      foundedYear: r.chance(0.9) ? r.int(kind === 'startup' ? 2012 : 1950, currentYear) : null,
      employees: r.chance(0.85) ? (kind === 'startup' ? r.int(1, 60) : kind === 'sme' ? r.int(10, 250) : r.int(250, 20_000)) : null,
      pitch,
      description: r.chance(0.7) ? `${pitch}. Sede a ${where.city}; "${r.pick(NEEDS)}", attività di R&S dal ${r.int(1990, currentYear)}.` : null,
      sectors: r.some(v.sectors, 1, 3),
      therapeuticAreas: r.some(v.therapeuticAreas, minItems, 3),
      modalities: r.some(v.modalities, minItems, 3),
      stage: r.chance(0.8) ? r.pick(v.stages) : null,
      trl: r.chance(0.8) ? r.int(1, 9) : null,
      fundingSoughtEur: r.chance(0.6) ? r.int(1, 400) * 25_000 : null,
      ipStatus: r.chance(0.7) ? r.pick(v.ipStatuses) : null,
      lookingFor: r.some(v.lookingFor, minItems, 3),
      technologyNeeds: r.chance(0.4) ? r.pick(NEEDS) : null,
    });
  }
  return toCsv(columns, rows);
}

function fundsCsv(r: SeededRandom, v: Vocabulary, n: number): string {
  const columns = [
    'externalId', 'name', 'manager', 'website', 'country', 'thesis', 'stages', 'ticketMinEur', 'ticketMaxEur', 'fundSizeEur',
    'sectors', 'therapeuticAreas', 'modalities', 'geographies', 'leadInvestor', 'active',
  ];
  const rows = [];
  for (let i = 1; i <= n; i++) {
    const name = `${r.pick(FUND_WORDS)} ${r.pick(FUND_KINDS)} ${['I', 'II', 'III', 'IV'][i % 4]} #${i}`;
    const min = r.int(1, 40) * 50_000;
    const max = min * r.int(2, 20);
    const size = max * r.int(10, 60);
    rows.push({
      externalId: `CRM-FU-${String(i).padStart(6, '0')}`,
      name,
      manager: r.chance(0.9) ? r.pick(MANAGERS) : null,
      website: r.chance(0.8) ? `https://${slug(name)}.example.com` : null,
      country: r.chance(0.75) ? 'IT' : r.pick(FOREIGN)[0],
      thesis: r.chance(0.8) ? `Investiamo in ${r.pick(PITCH_PARTS).toLowerCase()}, con ticket fino a ${max} €.` : null,
      stages: r.some(v.stages, 1, 3),
      ticketMinEur: min,
      ticketMaxEur: max,
      fundSizeEur: r.chance(0.9) ? size : null,
      sectors: r.some(v.sectors, 1, 4),
      therapeuticAreas: r.some(v.therapeuticAreas, 0, 4),
      modalities: r.some(v.modalities, 0, 4),
      geographies: r.chance(0.3) ? ['WORLD'] : r.some(['IT', 'EU', 'CH', 'DE', 'FR', 'US'], 1, 3),
      leadInvestor: r.pick(['yes', 'no', 'true', 'false', 'sì']),
      active: r.chance(0.9) ? 'true' : 'false',
    });
  }
  return toCsv(columns, rows);
}

function centresCsv(r: SeededRandom, v: Vocabulary, n: number): string {
  const columns = ['externalId', 'name', 'kind', 'country', 'region', 'city', 'website', 'description', 'sectors', 'therapeuticAreas', 'modalities'];
  const rows = [];
  for (let i = 1; i <= n; i++) {
    const name = `${r.pick(CENTRE_PREFIXES)} ${r.pick(CENTRE_NAMES)} — sede ${i}`;
    const [city, region] = r.pick(CITIES);
    rows.push({
      externalId: `CRM-RC-${String(i).padStart(6, '0')}`,
      name,
      kind: r.pick(v.centreKinds),
      country: 'IT',
      region,
      city,
      website: r.chance(0.9) ? `https://${slug(name)}.example.it` : null,
      description: r.chance(0.8) ? `Centro di ricerca a ${city}: ${r.pick(PITCH_PARTS).toLowerCase()}; piattaforme "omics", imaging e biobanca.` : null,
      sectors: r.some(v.sectors, 0, 3),
      therapeuticAreas: r.some(v.therapeuticAreas, 1, 5),
      modalities: r.some(v.modalities, 0, 4),
    });
  }
  return toCsv(columns, rows);
}

// ---------------------------------------------------------------------------------------------------------------
// Run

interface Step {
  step: string;
  status: number;
  rows: number;
  created: number | null;
  updated: number | null;
  failed: number | null;
  ms: number;
  peakRssMb: number;
}

function printSteps(steps: Step[]): void {
  const header = ['step', 'HTTP', 'rows', 'created', 'updated', 'failed', 'wall ms', 'rows/s', 'peak RSS MB'];
  const body = steps.map((s) => [
    s.step,
    String(s.status),
    String(s.rows),
    String(s.created ?? '-'),
    String(s.updated ?? '-'),
    String(s.failed ?? '-'),
    s.ms.toFixed(0),
    ((s.rows / s.ms) * 1000).toFixed(0),
    s.peakRssMb.toFixed(1),
  ]);
  printTable(header, body);
}

runBench(async (cleanup) => {
  cleanup.add(`could not clean Redis keys ${REDIS_PREFIX}*:`, () => deleteRedisKeys(REDIS_URL, REDIS_PREFIX));
  const database = await createScratchDatabase(DB_NAME, ADMIN_URL);
  cleanup.add(`could not drop ${DB_NAME}:`, () => database.drop());

  // The app reads its environment when its modules load: set it first, import after.
  setAppEnvironment({ databaseUrl: database.url, redisUrl: REDIS_URL, redisPrefix: REDIS_PREFIX });

  const { DataSource } = await import('typeorm');
  const { Test } = await import('@nestjs/testing');
  const { AuthService } = await import('@hub/core');
  const { TAXONOMY, COMPANY_KINDS, RESEARCH_CENTRE_KINDS, STAGES, IP_STATUSES, LOOKING_FOR } = await import('@hub/domain');
  const { ApiModule } = await import('../apps/api/src/api.module');
  const { configureApp } = await import('../apps/api/src/configure-app');

  await database.migrate();

  const moduleRef = await Test.createTestingModule({ imports: [ApiModule] }).compile();
  const nest = moduleRef.createNestApplication({ bodyParser: false, logger: false });
  configureApp(nest);
  await nest.listen(0, '127.0.0.1');
  cleanup.add('closing the app failed:', () => nest.close());
  const { port } = nest.getHttpServer().address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  const auth = nest.get(AuthService);
  const staff = await auth.upsertStaff(`bench-${stamp}@example.test`, 'bench-password-long-enough');
  const token = (await auth.startSession({ id: staff.id, role: 'staff' })).accessToken;

  const vocabulary: Vocabulary = {
    sectors: TAXONOMY.sectors.map((t) => t.code),
    therapeuticAreas: TAXONOMY.therapeuticAreas.map((t) => t.code),
    modalities: TAXONOMY.modalities.map((t) => t.code),
    companyKinds: COMPANY_KINDS,
    centreKinds: RESEARCH_CENTRE_KINDS,
    stages: STAGES,
    ipStatuses: IP_STATUSES,
    lookingFor: LOOKING_FOR,
  };
  const r = seededRandom(SEED);
  const files = {
    companies: companiesCsv(r, vocabulary, SIZES.companies),
    funds: fundsCsv(r, vocabulary, SIZES.funds),
    centres: centresCsv(r, vocabulary, SIZES.centres),
  };

  const steps: Step[] = [];
  const problems: string[] = [];
  const post = async (step: string, kind: string, content: string, rows: number) => {
    const form = new FormData();
    form.append('file', new Blob([content], { type: 'text/csv' }), `${kind}.csv`);
    const started = performance.now();
    const res = await fetch(`${base}/api/v1/imports/${kind}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    const text = await res.text();
    const ms = performance.now() - started;
    if (res.status !== 200) {
      problems.push(`${step}: HTTP ${res.status} ${text.slice(0, 300)}`);
      steps.push({ step, status: res.status, rows, created: null, updated: null, failed: null, ms, peakRssMb: peakRssMb() });
      return;
    }
    const body = JSON.parse(text) as { created: number; updated: number; failed: Array<{ row: number; field: string; message: string }> };
    if (body.failed.length > 0) problems.push(`${step}: ${body.failed.length} failed rows, first ${JSON.stringify(body.failed.slice(0, 3))}`);
    steps.push({ step, status: res.status, rows, created: body.created, updated: body.updated, failed: body.failed.length, ms, peakRssMb: peakRssMb() });
  };

  await post('companies', 'companies', files.companies, SIZES.companies);
  await post('funds', 'funds', files.funds, SIZES.funds);
  await post('research-centres', 'research-centres', files.centres, SIZES.centres);
  await post('companies (re-import)', 'companies', files.companies, SIZES.companies);

  const dataSource = nest.get(DataSource);
  const [counts] = await dataSource.query(
    `SELECT (SELECT count(*) FROM companies)::int AS companies, (SELECT count(*) FROM funds)::int AS funds,
            (SELECT count(*) FROM research_centres)::int AS centres, (SELECT count(*) FROM organisations)::int AS organisations`,
  );

  console.log(`Hub Match CSV import benchmark — node ${process.version}, seed ${SEED}${EMPTY_LISTS ? ', empty company lists allowed' : ''}, database ${DB_NAME}`);
  console.log(`files: companies ${(files.companies.length / 1024 / 1024).toFixed(2)} MB, funds ${(files.funds.length / 1024 / 1024).toFixed(2)} MB, research centres ${(files.centres.length / 1024 / 1024).toFixed(2)} MB`);
  console.log('');
  printSteps(steps);
  console.log('');
  console.log(`rows in the database: companies ${counts.companies}, funds ${counts.funds}, research centres ${counts.centres}, organisations ${counts.organisations}`);
  for (const problem of problems) console.log(`PROBLEM ${problem}`);
  if (problems.length > 0) process.exitCode = 1;
});
