/**
 * Benchmark of search: fills a fresh, migrated database of its own with 50,000 generated documents (companies,
 * funds, research centres, technology offers) by bulk SQL, builds the PostgreSQL index with
 * SearchReindexService.reindex(), then times mixed queries through SearchService.search(dto) and prints latency
 * percentiles per query category. Repeats with Meilisearch when one answers at MEILI_URL.
 *
 *   npm run bench:search
 *
 * Needs PostgreSQL (BENCH_ADMIN_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres) and Redis
 * (BENCH_REDIS_URL, default redis://127.0.0.1:6379; the app connects at boot). Meilisearch: MEILI_URL (default
 * http://127.0.0.1:7700) and MEILI_MASTER_KEY; its index gets a name of its own and is deleted at the end.
 * Sizes: BENCH_COMPANIES, BENCH_FUNDS, BENCH_CENTRES, BENCH_OFFERS; queries: BENCH_QUERIES, BENCH_WARMUP; the
 * generator is seeded (BENCH_SEED). The database is dropped at the end, also on failure, unless KEEP_DB=1 (then
 * its URL is printed, for EXPLAIN ANALYZE by hand). BENCH_PG_SETTINGS="enable_seqscan=off,work_mem=64MB" applies
 * PostgreSQL settings to the scratch database's sessions (ALTER DATABASE ... SET), to try a tuning without code.
 */
import 'reflect-metadata';
import type { EnvData, SearchQueryDto, SearchResponse } from '@hub/core';
import { setAppEnvironment } from './support/app-environment';
import { benchServices } from './support/bench-services';
import { peakRssMb } from './support/peak-rss';
import { printTable } from './support/print-table';
import { deleteRedisKeys } from './support/redis-keys';
import { runBench } from './support/run-bench';
import { createScratchDatabase } from './support/scratch-database';
import { seededRandom, type SeededRandom } from './support/seeded-random';

const { adminUrl: ADMIN_URL, redisUrl: REDIS_URL } = benchServices();
const MEILI_URL = process.env.MEILI_URL ?? 'http://127.0.0.1:7700';
const MEILI_KEY = process.env.MEILI_MASTER_KEY ?? 'hub-match-dev-master-key-change-me';
const SIZES = {
  companies: Number(process.env.BENCH_COMPANIES ?? 25_000),
  funds: Number(process.env.BENCH_FUNDS ?? 3_000),
  centres: Number(process.env.BENCH_CENTRES ?? 2_000),
  offers: Number(process.env.BENCH_OFFERS ?? 20_000),
};
const QUERIES = Number(process.env.BENCH_QUERIES ?? 500);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 50);
const SEED = Number(process.env.BENCH_SEED ?? 20261102);
const KEEP_DB = process.env.KEEP_DB === '1';
const PG_SETTINGS = (process.env.BENCH_PG_SETTINGS ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter((s) => s.length > 0)
  .map((s) => {
    const match = /^([a-z_]+)\s*=\s*([A-Za-z0-9_.]+)$/.exec(s);
    if (!match) throw new Error(`BENCH_PG_SETTINGS: expected name=value, got ${s}`);
    return [match[1], match[2]] as const;
  });
const TARGET_P95_MS = 30;
const INSERT_CHUNK = 5_000;

const stamp = `${Date.now()}`;
const DB_NAME = `hubmatch_bench_search_${stamp}`;
const REDIS_PREFIX = `hubbench:${stamp}`;
const MEILI_INDEX = `hubbench_search_${stamp}`;

// ---------------------------------------------------------------------------------------------------------------
// Deterministic data

/** [English, Italian] */
type Pair = readonly [string, string];

const THERAPEUTIC: readonly Pair[] = [
  ['oncology', 'oncologia'], ['solid tumours', 'tumori solidi'], ['breast cancer', 'tumore al seno'], ['lung cancer', 'tumore del polmone'],
  ['colorectal cancer', 'carcinoma del colon-retto'], ['melanoma', 'melanoma'], ['glioblastoma', 'glioblastoma'], ['leukaemia', 'leucemia'],
  ['lymphoma', 'linfoma'], ['multiple myeloma', 'mieloma multiplo'], ['cardiology', 'cardiologia'], ['heart failure', 'scompenso cardiaco'],
  ['atrial fibrillation', 'fibrillazione atriale'], ['hypertension', 'ipertensione'], ['neurology', 'neurologia'], ["Alzheimer's disease", 'malattia di Alzheimer'],
  ["Parkinson's disease", 'malattia di Parkinson'], ['multiple sclerosis', 'sclerosi multipla'], ['epilepsy', 'epilessia'], ['ALS', 'SLA'],
  ['stroke', 'ictus'], ['diabetes', 'diabete'], ['obesity', 'obesità'], ['rare diseases', 'malattie rare'], ['cystic fibrosis', 'fibrosi cistica'],
  ['immunology', 'immunologia'], ['immunotherapy', 'immunoterapia'], ['autoimmune diseases', 'malattie autoimmuni'], ['rheumatoid arthritis', 'artrite reumatoide'],
  ['psoriasis', 'psoriasi'], ['atopic dermatitis', 'dermatite atopica'], ['macular degeneration', 'degenerazione maculare'], ['glaucoma', 'glaucoma'],
  ['sepsis', 'sepsi'], ['antimicrobial resistance', 'antibiotico-resistenza'], ['COPD', 'BPCO'], ['asthma', 'asma'], ['osteoarthritis', 'artrosi'],
  ['post-operative rehabilitation', 'riabilitazione post-operatoria'], ['depression', 'depressione'], ['schizophrenia', 'schizofrenia'], ['chronic pain', 'dolore cronico'],
];
const MODALITY: readonly Pair[] = [
  ['small molecules', 'piccole molecole'], ['monoclonal antibodies', 'anticorpi monoclonali'], ['bispecific antibodies', 'anticorpi bispecifici'],
  ['antibody-drug conjugates', 'anticorpi coniugati (ADC)'], ['CAR-T cells', 'cellule CAR-T'], ['cell therapy', 'terapia cellulare'],
  ['stem cells', 'cellule staminali'], ['gene therapy', 'terapia genica'], ['AAV vectors', 'vettori AAV'], ['CRISPR gene editing', 'editing genico CRISPR'],
  ['mRNA vaccines', 'vaccini a mRNA'], ['siRNA', 'siRNA'], ['antisense oligonucleotides', 'oligonucleotidi antisenso'], ['peptides', 'peptidi'],
  ['lipid nanoparticles', 'nanoparticelle lipidiche'], ['medical devices', 'dispositivi medici'], ['implantable devices', 'dispositivi impiantabili'],
  ['wearable sensors', 'sensori indossabili'], ['liquid biopsy', 'biopsia liquida'], ['companion diagnostics', 'diagnostica companion'],
  ['point-of-care tests', 'test point-of-care'], ['MRI imaging', 'risonanza magnetica'], ['artificial intelligence', 'intelligenza artificiale'],
  ['machine learning', 'apprendimento automatico'], ['digital therapeutics', 'terapie digitali'], ['telemedicine', 'telemedicina'],
  ['remote monitoring', 'monitoraggio remoto'], ['NGS sequencing', 'sequenziamento NGS'], ['organoids', 'organoidi'], ['3D bioprinting', 'biostampa 3D'],
  ['microfluidics', 'microfluidica'], ['robotic surgery', 'chirurgia robotica'], ['radiopharmaceuticals', 'radiofarmaci'], ['microbiome', 'microbioma'],
];
const APPLICATION: readonly Pair[] = [
  ['early diagnosis', 'diagnosi precoce'], ['patient stratification', 'stratificazione dei pazienti'], ['home monitoring', 'monitoraggio domiciliare'],
  ['relapse monitoring', 'monitoraggio della recidiva'], ['drug discovery', 'scoperta di farmaci'], ['GMP manufacturing', 'produzione GMP'],
  ['clinical decision support', 'supporto alle decisioni cliniche'], ['targeted delivery', 'rilascio mirato'], ['biomarker discovery', 'scoperta di biomarcatori'],
  ['minimally invasive surgery', 'chirurgia mini-invasiva'], ['personalised treatment', 'terapia personalizzata'], ['preclinical validation', 'validazione preclinica'],
];
/** Places of Milan and Lombardy, with a few elsewhere. [city, region] */
const CITIES: ReadonlyArray<readonly [string, string]> = [
  ['Milano', 'Lombardia'], ['Milano', 'Lombardia'], ['Milano', 'Lombardia'], ['Pavia', 'Lombardia'], ['Bergamo', 'Lombardia'], ['Brescia', 'Lombardia'],
  ['Monza', 'Lombardia'], ['Varese', 'Lombardia'], ['Como', 'Lombardia'], ['Lecco', 'Lombardia'], ['Lodi', 'Lombardia'], ['Cremona', 'Lombardia'],
  ['Mantova', 'Lombardia'], ['Sondrio', 'Lombardia'], ['Segrate', 'Lombardia'], ['Rozzano', 'Lombardia'], ['Sesto San Giovanni', 'Lombardia'],
  ['Bresso', 'Lombardia'], ['Cantù', 'Lombardia'], ['Torino', 'Piemonte'], ['Bologna', 'Emilia-Romagna'], ['Padova', 'Veneto'], ['Roma', 'Lazio'],
  ['Napoli', 'Campania'], ['Siena', 'Toscana'],
];
const MILAN_SPOTS = ['MIND Milano Innovation District', 'Human Technopole', 'Città Studi', 'Bicocca', 'Niguarda', 'Porta Nuova', 'Brianza', 'Kilometro Rosso'];
const FOREIGN: ReadonlyArray<readonly [string, string, string]> = [
  ['CH', 'Ticino', 'Lugano'], ['CH', 'Zürich', 'Zürich'], ['CH', 'Basel-Stadt', 'Basel'], ['DE', 'Bayern', 'München'], ['DE', 'Berlin', 'Berlin'],
  ['FR', 'Île-de-France', 'Paris'], ['FR', 'Auvergne-Rhône-Alpes', 'Lyon'], ['ES', 'Cataluña', 'Barcelona'], ['NL', 'Noord-Holland', 'Amsterdam'],
  ['BE', 'Vlaanderen', 'Gent'], ['AT', 'Wien', 'Wien'], ['GB', 'England', 'Cambridge'], ['US', 'Massachusetts', 'Boston'],
];
const ROOTS = ['Gene', 'Neuro', 'Cardio', 'Onco', 'Immuno', 'Derma', 'Osteo', 'Pneumo', 'Bio', 'Medi', 'Cyto', 'Vita', 'Nano', 'Thera', 'Diagno', 'Salu', 'Ortho', 'Micro', 'Emato', 'Oculo', 'Geno', 'Cell', 'Angio', 'Endo'];
const TAILS = ['tech', 'gen', 'logic', 'vax', 'cura', 'sense', 'lab', 'med', 'cell', 'path', 'nova', 'form', 'metrix', 'via', 'bit', 'core', 'line', 'care'];
const COMPANY_WORDS = ['Therapeutics', 'Bio', 'Medical', 'Diagnostics', 'Devices', 'Labs', 'Pharma', 'Health', 'Genomics', 'Robotics', 'Italia', 'Milano', 'Sciences', 'Systems'];
const LEGAL = ['S.r.l.', 'S.p.A.', 'S.r.l. Società Benefit', 'SB S.r.l.', 'AG', 'GmbH', 'SAS', 'Ltd', 'S.r.l.s.'];
const FUND_WORDS = ['Lombardy', 'Alpine', 'Milano', 'Insubria', 'Padana', 'Ticino', 'Adriatic', 'Euro', 'Helix', 'Cardine', 'Brera', 'Navigli', 'Lario', 'Orobie'];
const FUND_KINDS = ['Life Sciences Fund', 'Bio Ventures', 'Health Capital', 'MedTech Fund', 'Venture Partners', 'Innovazione Salute', 'Biotech Seed Fund', 'Fondo Scienze della Vita'];
const MANAGERS = ['Panakès Partners SGR', 'Indaco Venture Partners SGR', 'Sofinnova Partners', 'CDP Venture Capital SGR', 'Claris Ventures SGR', 'XGEN Venture', 'Eureka! Venture SGR', 'Angelini Ventures'];
const CENTRE_PREFIXES = ['IRCCS Istituto', 'Università degli Studi di', 'Ospedale', 'Fondazione', 'Istituto di Ricerche', 'Centro Trasferimento Tecnologico', 'Dipartimento di Medicina', 'Laboratorio'];
const CENTRE_NAMES = ['San Raffaele', 'Mario Negri', 'Humanitas', 'Besta', 'Policlinico', 'Maugeri', 'Niguarda', 'Galeazzi', 'Bicocca', 'Insubria', 'Pavia', 'Brescia', 'Monzino', 'Sacco', 'Auxologico', 'IEO'];
const ROMAN = ['I', 'II', 'III', 'IV', 'V'];

interface Vocabulary {
  sectors: string[];
  therapeuticAreas: string[];
  modalities: string[];
  /** Labels (English, Italian) of every code, for text that mentions a document's own tags. */
  labels: Map<string, Pair>;
  companyKinds: readonly string[];
  centreKinds: readonly string[];
  stages: readonly string[];
  ipStatuses: readonly string[];
  lookingFor: readonly string[];
  collaborationTypes: readonly string[];
}

interface Place {
  country: string;
  region: string;
  city: string;
}

function place(r: SeededRandom, foreignShare: number): Place {
  if (!r.chance(foreignShare)) {
    const [city, region] = r.pick(CITIES);
    return { country: 'IT', region, city };
  }
  const [country, region, city] = r.pick(FOREIGN);
  return { country, region, city };
}

/** One sentence in English or Italian mixing therapeutic words, modality words, a taxonomy label and a place. */
function sentence(r: SeededRandom, v: Vocabulary, tags: string[], where: Place, italian: boolean): string {
  const lang = italian ? 1 : 0;
  const t = r.pick(THERAPEUTIC)[lang];
  const m = r.pick(MODALITY)[lang];
  const a = r.pick(APPLICATION)[lang];
  const label = tags.length > 0 ? (v.labels.get(r.pick(tags)) ?? ['', ''])[lang] : t;
  const spot = where.city === 'Milano' && r.chance(0.4) ? r.pick(MILAN_SPOTS) : where.city;
  const templates = italian
    ? [
        `Sviluppiamo ${m} per ${t}, con sede a ${spot}.`,
        `Piattaforma di ${m} per la ${a} in ${t}; area: ${label}.`,
        `${m} e ${r.pick(MODALITY)[1]} applicati a ${t} (${label}), laboratori a ${spot}.`,
        `Soluzioni di ${label.toLowerCase()} per ${a}, in collaborazione con ospedali della ${where.region}.`,
        `Validazione clinica di ${m} nel ${r.pick(['trattamento', 'monitoraggio', 'follow-up'])} di ${t}.`,
      ]
    : [
        `We develop ${m} for ${t}, based in ${spot}.`,
        `A ${m} platform for ${a} in ${t}; focus: ${label}.`,
        `${m} and ${r.pick(MODALITY)[0]} applied to ${t} (${label}), with labs in ${spot}.`,
        `${label} solutions for ${a}, partnering with hospitals in ${where.region}.`,
        `Clinical validation of ${m} for the ${r.pick(['treatment', 'monitoring', 'follow-up'])} of ${t}.`,
      ];
  return r.pick(templates);
}

function paragraph(r: SeededRandom, v: Vocabulary, tags: string[], where: Place, sentences: number): string {
  const italian = r.chance(0.55);
  const parts: string[] = [];
  for (let i = 0; i < sentences; i++) parts.push(sentence(r, v, tags, where, r.chance(0.85) ? italian : !italian));
  return parts.join(' ');
}

/** Rows as column arrays, ready for INSERT ... SELECT FROM unnest(...). */
type Columns = Record<string, unknown[]>;

function columns(names: readonly string[]): Columns {
  return Object.fromEntries(names.map((n) => [n, []]));
}

/** PostgreSQL array literal for codes made of [a-z0-9_] only. */
const arr = (items: readonly string[]) => `{${items.join(',')}}`;

interface Generated {
  organisations: Columns;
  companies: Columns;
  funds: Columns;
  centres: Columns;
  offers: Columns;
}

function generate(r: SeededRandom, v: Vocabulary): Generated {
  const currentYear = new Date().getUTCFullYear();
  const out: Generated = {
    organisations: columns(['id', 'type']),
    companies: columns([
      'id', 'external_id', 'name', 'kind', 'website', 'country', 'region', 'city', 'founded_year', 'employees', 'pitch', 'description',
      'sectors', 'therapeutic_areas', 'modalities', 'stage', 'trl', 'funding_sought_eur', 'ip_status', 'looking_for', 'technology_needs',
    ]),
    funds: columns([
      'id', 'external_id', 'name', 'manager', 'website', 'country', 'thesis', 'stages', 'ticket_min_eur', 'ticket_max_eur', 'fund_size_eur',
      'sectors', 'therapeutic_areas', 'modalities', 'geographies', 'lead_investor', 'active',
    ]),
    centres: columns(['id', 'external_id', 'name', 'kind', 'country', 'region', 'city', 'website', 'description', 'sectors', 'therapeutic_areas', 'modalities']),
    offers: columns(['id', 'research_centre_id', 'external_id', 'title', 'description', 'sectors', 'therapeutic_areas', 'modalities', 'trl', 'ip_status', 'collaboration_types']),
  };
  const push = (target: Columns, row: Record<string, unknown>) => {
    for (const [key, values] of Object.entries(target)) values.push(row[key] ?? null);
  };
  const org = (type: string) => {
    const id = r.uuid();
    push(out.organisations, { id, type });
    return id;
  };

  for (let i = 1; i <= SIZES.companies; i++) {
    const where = place(r, 0.15);
    const kind = r.pick(v.companyKinds);
    const sectors = r.some(v.sectors, 1, 3);
    const therapeuticAreas = r.some(v.therapeuticAreas, r.chance(0.1) ? 0 : 1, 3);
    const modalities = r.some(v.modalities, r.chance(0.1) ? 0 : 1, 3);
    const tags = [...sectors, ...therapeuticAreas, ...modalities];
    const word = r.chance(0.6) ? ` ${r.pick(COMPANY_WORDS)}` : '';
    const name = `${r.pick(ROOTS)}${r.pick(TAILS)}${word} ${r.pick(LEGAL)}`;
    push(out.companies, {
      id: org('company'),
      external_id: `BENCH-CO-${String(i).padStart(6, '0')}`,
      name,
      kind,
      website: r.chance(0.8) ? `https://www.${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}${i}.example.it` : null,
      ...where,
      founded_year: r.chance(0.9) ? r.int(kind === 'startup' ? 2012 : 1950, currentYear) : null,
      employees: r.chance(0.85) ? (kind === 'startup' ? r.int(1, 60) : kind === 'sme' ? r.int(10, 250) : r.int(250, 20_000)) : null,
      pitch: sentence(r, v, tags, where, r.chance(0.5)).slice(0, 280),
      description: r.chance(0.85) ? paragraph(r, v, tags, where, r.int(1, 4)) : null,
      sectors: arr(sectors),
      therapeutic_areas: arr(therapeuticAreas),
      modalities: arr(modalities),
      stage: r.chance(0.8) ? r.pick(v.stages) : null,
      trl: r.chance(0.8) ? r.int(1, 9) : null,
      funding_sought_eur: r.chance(0.6) ? r.int(1, 400) * 25_000 : null,
      ip_status: r.chance(0.7) ? r.pick(v.ipStatuses) : null,
      looking_for: arr(r.some(v.lookingFor, 0, 3)),
      technology_needs: r.chance(0.4) ? sentence(r, v, tags, where, true) : null,
    });
  }

  for (let i = 1; i <= SIZES.funds; i++) {
    const where = place(r, 0.3);
    const min = r.int(1, 40) * 50_000;
    const max = min * r.int(1, 20);
    const sectors = r.some(v.sectors, 1, 4);
    const therapeuticAreas = r.some(v.therapeuticAreas, 0, 4);
    const modalities = r.some(v.modalities, 0, 4);
    push(out.funds, {
      id: org('fund'),
      external_id: `BENCH-FU-${String(i).padStart(6, '0')}`,
      name: `${r.pick(FUND_WORDS)} ${r.pick(FUND_KINDS)} ${r.pick(ROMAN)}`,
      manager: r.chance(0.9) ? r.pick(MANAGERS) : null,
      website: r.chance(0.8) ? `https://fund${i}.example.com` : null,
      country: where.country,
      thesis: r.chance(0.85)
        ? `${r.chance(0.5) ? 'Investiamo in' : 'We invest in'} ${paragraph(r, v, [...sectors, ...therapeuticAreas, ...modalities], where, r.int(1, 3))} Ticket ${min}–${max} €.`
        : null,
      stages: arr(r.some(v.stages, 1, 3)),
      ticket_min_eur: r.chance(0.9) ? min : null,
      ticket_max_eur: r.chance(0.9) ? max : null,
      fund_size_eur: r.chance(0.9) ? max * r.int(10, 60) : null,
      sectors: arr(sectors),
      therapeutic_areas: arr(therapeuticAreas),
      modalities: arr(modalities),
      geographies: arr(r.chance(0.3) ? ['WORLD'] : r.some(['IT', 'EU', 'CH', 'DE', 'FR', 'US'], 1, 3)),
      lead_investor: r.chance(0.4),
      active: r.chance(0.9),
    });
  }

  const centreIds: string[] = [];
  const centreTags = new Map<string, string[]>();
  for (let i = 1; i <= SIZES.centres; i++) {
    const where = place(r, 0.1);
    const sectors = r.some(v.sectors, 0, 3);
    const therapeuticAreas = r.some(v.therapeuticAreas, 1, 5);
    const modalities = r.some(v.modalities, 0, 4);
    const id = org('research_centre');
    centreIds.push(id);
    centreTags.set(id, therapeuticAreas);
    const department = r.chance(0.5) ? ` — ${r.pick(['Dipartimento di', 'Laboratorio di', 'Unità di'])} ${r.pick(THERAPEUTIC)[1]}` : '';
    push(out.centres, {
      id,
      external_id: `BENCH-RC-${String(i).padStart(6, '0')}`,
      name: `${r.pick(CENTRE_PREFIXES)} ${r.pick(CENTRE_NAMES)}${department}`,
      kind: r.pick(v.centreKinds),
      ...where,
      website: r.chance(0.9) ? `https://centre${i}.example.it` : null,
      description: r.chance(0.9) ? paragraph(r, v, [...sectors, ...therapeuticAreas, ...modalities], where, r.int(1, 4)) : null,
      sectors: arr(sectors),
      therapeutic_areas: arr(therapeuticAreas),
      modalities: arr(modalities),
    });
  }

  for (let i = 1; i <= SIZES.offers; i++) {
    const centre = r.pick(centreIds);
    const therapeuticAreas = r.chance(0.7) ? r.some(centreTags.get(centre) ?? [], 1, 2) : r.some(v.therapeuticAreas, 1, 2);
    const sectors = r.some(v.sectors, 0, 2);
    const modalities = r.some(v.modalities, 1, 3);
    const italian = r.chance(0.5);
    const lang = italian ? 1 : 0;
    const m = r.pick(MODALITY)[lang];
    const t = r.pick(THERAPEUTIC)[lang];
    const a = r.pick(APPLICATION)[lang];
    const title = italian
      ? r.pick([`Piattaforma di ${m} per ${t}`, `${m} per la ${a}`, `Brevetto: ${m} contro ${t}`, `Nuovo metodo di ${a} in ${t}`])
      : r.pick([`${m} platform for ${t}`, `Novel ${m} against ${t}`, `Patent: ${m} for ${a}`, `A ${a} method in ${t}`]);
    const where: Place = { country: 'IT', region: 'Lombardia', city: r.pick(CITIES)[0] };
    push(out.offers, {
      id: r.uuid(),
      research_centre_id: centre,
      external_id: `BENCH-TO-${String(i).padStart(6, '0')}`,
      title,
      description: r.chance(0.9) ? paragraph(r, v, [...sectors, ...therapeuticAreas, ...modalities], where, r.int(1, 5)) : null,
      sectors: arr(sectors),
      therapeutic_areas: arr(therapeuticAreas),
      modalities: arr(modalities),
      trl: r.chance(0.9) ? r.int(1, 9) : null,
      ip_status: r.chance(0.8) ? r.pick(v.ipStatuses) : null,
      collaboration_types: arr(r.some(v.collaborationTypes, 1, 3)),
    });
  }
  return out;
}

/** Column name → SQL type of the unnest parameter; arrays travel as text literals and are cast in SQL. */
const TABLES: Record<keyof Generated, { table: string; types: Record<string, string> }> = {
  organisations: { table: 'organisations', types: { id: 'uuid', type: 'text' } },
  companies: {
    table: 'companies',
    types: {
      id: 'uuid', external_id: 'text', name: 'text', kind: 'text', website: 'text', country: 'bpchar', region: 'text', city: 'text',
      founded_year: 'int4', employees: 'int4', pitch: 'text', description: 'text', sectors: 'text[]', therapeutic_areas: 'text[]',
      modalities: 'text[]', stage: 'text', trl: 'int2', funding_sought_eur: 'int8', ip_status: 'text', looking_for: 'text[]', technology_needs: 'text',
    },
  },
  funds: {
    table: 'funds',
    types: {
      id: 'uuid', external_id: 'text', name: 'text', manager: 'text', website: 'text', country: 'bpchar', thesis: 'text', stages: 'text[]',
      ticket_min_eur: 'int8', ticket_max_eur: 'int8', fund_size_eur: 'int8', sectors: 'text[]', therapeutic_areas: 'text[]', modalities: 'text[]',
      geographies: 'text[]', lead_investor: 'bool', active: 'bool',
    },
  },
  centres: {
    table: 'research_centres',
    types: {
      id: 'uuid', external_id: 'text', name: 'text', kind: 'text', country: 'bpchar', region: 'text', city: 'text', website: 'text',
      description: 'text', sectors: 'text[]', therapeutic_areas: 'text[]', modalities: 'text[]',
    },
  },
  offers: {
    table: 'technology_offers',
    types: {
      id: 'uuid', research_centre_id: 'uuid', external_id: 'text', title: 'text', description: 'text', sectors: 'text[]',
      therapeutic_areas: 'text[]', modalities: 'text[]', trl: 'int2', ip_status: 'text', collaboration_types: 'text[]',
    },
  },
};

async function bulkInsert(query: (sql: string, params: unknown[]) => Promise<unknown>, key: keyof Generated, data: Columns): Promise<number> {
  const { table, types } = TABLES[key];
  const names = Object.keys(types);
  const rows = data[names[0]].length;
  // Array columns go in as text[] of literals (arrays of arrays do not bind) and are cast back per row.
  const unnestTypes = names.map((n, i) => `$${i + 1}::${types[n].endsWith('[]') ? 'text' : types[n]}[]`);
  const select = names.map((n) => (types[n].endsWith('[]') ? `u.${n}::text[]` : `u.${n}`));
  const sql = `INSERT INTO ${table} (${names.join(', ')}) SELECT ${select.join(', ')} FROM unnest(${unnestTypes.join(', ')}) AS u(${names.join(', ')})`;
  for (let start = 0; start < rows; start += INSERT_CHUNK) {
    await query(
      sql,
      names.map((n) => data[n].slice(start, start + INSERT_CHUNK)),
    );
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------------------
// Queries

type Category =
  | 'text en'
  | 'text it'
  | 'text + place'
  | 'acronym'
  | 'typo'
  | 'prefix'
  | 'facets only'
  | 'text + facets'
  | 'browse (nothing)'
  | 'deep page'
  | 'hostile';

interface BenchQuery {
  category: Category;
  dto: SearchQueryDto;
}

const TEXT_EN = ['oncology', 'cardiology', 'cell therapy', 'gene therapy', 'medical devices', 'rare diseases', 'liquid biopsy', 'wearable sensors',
  'digital therapeutics', 'immunology', 'monoclonal antibodies', 'machine learning', 'drug discovery', 'heart failure', 'multiple sclerosis',
  'stem cells', 'telemedicine', 'vaccines', 'breast cancer', 'early diagnosis of lung cancer'];
const TEXT_IT = ['oncologia', 'dispositivi medici', 'cardiologia', 'terapia genica', 'terapia cellulare', 'malattie rare', 'biopsia liquida',
  'sensori indossabili', 'riabilitazione', 'diagnostica in vitro', 'sanità digitale', 'anticorpi monoclonali', 'intelligenza artificiale',
  'malattie neurodegenerative', 'tumore al seno', 'produzione GMP', 'dispositivi per la cardiologia', 'vaccini a mRNA'];
const TEXT_PLACE = ['cell therapy milano', 'oncologia pavia', 'medtech bergamo', 'dispositivi medici brescia', 'startup biotech milano',
  'terapia genica Human Technopole', 'wearable sensors monza', 'diagnostica lombardia', 'neurology lugano', 'CAR-T milano', 'biopsia liquida niguarda'];
const ACRONYMS = ['CAR-T', 'mRNA', 'AI', 'IVD', 'NGS', 'AAV', 'CRISPR', 'COPD', 'SLA', 'DTx', 'ADC', 'GMP'];
const TYPOS = ['cardiolgy', 'oncolgy', 'immunoterapy', 'neurolgy', 'dermatolgy', 'oncologgia', 'cardiologa', 'diagnostcs', 'telemedicne',
  'biopsi liquida', 'teraphy', 'vacines', 'immunoterapia cellulre', 'glioblastma'];
const PREFIXES = ['neuro', 'onco', 'cardi', 'immuno', 'bio', 'gen', 'derma', 'tele', 'diagn', 'terap', 'micro', 'ca'];
const HOSTILE = [
  '"oncology', "'; DROP TABLE search_documents; --", '100%', '%_%', '🚀🧬', '"CAR-T" 50% 🚀', 'a"b\'c\\d', '\\', '((((', '!!! ??? ***',
  'onco:* & !cardio | <->', '<script>alert(1)</script>', 'x'.repeat(200), 'Sanità & "salute" | ¬ ∞ 🧪 terapia',
];

function generateQueries(r: SeededRandom, v: Vocabulary, n: number): BenchQuery[] {
  const stages = v.stages;
  const countries = ['IT', 'IT', 'IT', 'CH', 'DE', 'FR', 'US'];
  const types = ['company', 'fund', 'research_centre', 'technology_offer'] as const;
  /** One to three random filters. */
  const filters = (): Partial<SearchQueryDto> => {
    const f: Partial<SearchQueryDto> = {};
    const kinds = r.some(['sectors', 'therapeuticAreas', 'modalities', 'stages', 'country', 'trl', 'type'] as const, 1, 3);
    for (const kind of kinds) {
      switch (kind) {
        case 'sectors':
          f.sectors = r.some(v.sectors, 1, 2);
          break;
        case 'therapeuticAreas':
          f.therapeuticAreas = r.some(v.therapeuticAreas, 1, 2);
          break;
        case 'modalities':
          f.modalities = r.some(v.modalities, 1, 2);
          break;
        case 'stages':
          f.stages = r.some(stages, 1, 2) as SearchQueryDto['stages'];
          break;
        case 'country':
          f.country = r.chance(0.8) ? [r.pick(countries)] : ['IT', 'CH'];
          break;
        case 'trl': {
          const min = r.int(1, 7);
          if (r.chance(0.4)) f.trlMin = min;
          else if (r.chance(0.3)) f.trlMax = r.int(3, 9);
          else {
            f.trlMin = min;
            f.trlMax = r.int(min, 9);
          }
          break;
        }
        case 'type':
          f.type = r.some(types, 1, 2);
          break;
      }
    }
    return f;
  };
  const weights: Array<[Category, number, () => SearchQueryDto]> = [
    ['text en', 12, () => ({ q: r.pick(TEXT_EN) })],
    ['text it', 12, () => ({ q: r.pick(TEXT_IT) })],
    ['text + place', 8, () => ({ q: r.pick(TEXT_PLACE) })],
    ['acronym', 6, () => ({ q: r.pick(ACRONYMS) })],
    ['typo', 10, () => ({ q: r.pick(TYPOS) })],
    ['prefix', 8, () => ({ q: r.pick(PREFIXES) })],
    ['facets only', 14, () => ({ ...filters(), q: r.chance(0.3) ? '' : undefined })],
    ['text + facets', 20, () => ({ q: r.pick([...TEXT_EN, ...TEXT_IT, ...TYPOS.slice(0, 4), ...PREFIXES.slice(0, 4)]), ...filters() })],
    ['browse (nothing)', 2, () => ({})],
    ['deep page', 3, () => ({ q: r.chance(0.5) ? r.pick(TEXT_IT) : undefined, page: r.int(5, 50), pageSize: r.pick([20, 50]) })],
    ['hostile', 5, () => ({ q: r.pick(HOSTILE), ...(r.chance(0.3) ? filters() : {}) })],
  ];
  const total = weights.reduce((s, [, w]) => s + w, 0);
  const out: BenchQuery[] = [];
  for (let i = 0; i < n; i++) {
    let x = r.next() * total;
    const [category, , make] = weights.find(([, w]) => (x -= w) < 0) ?? weights[0];
    out.push({ category, dto: make() });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Measuring and printing

interface Sample {
  category: Category;
  ms: number;
  total: number;
  error: string | null;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function summary(samples: readonly Sample[]) {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  return {
    n: samples.length,
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    p99: percentile(ms, 99),
    max: ms[ms.length - 1] ?? Number.NaN,
    mean: ms.reduce((a, b) => a + b, 0) / Math.max(1, ms.length),
    hits: samples.reduce((a, s) => a + s.total, 0) / Math.max(1, samples.length),
    errors: samples.filter((s) => s.error !== null).length,
  };
}

function printLatency(samples: readonly Sample[]): ReturnType<typeof summary> {
  const order: Category[] = ['text en', 'text it', 'text + place', 'acronym', 'typo', 'prefix', 'facets only', 'text + facets', 'browse (nothing)', 'deep page', 'hostile'];
  const row = (label: string, s: ReturnType<typeof summary>) => [
    label,
    String(s.n),
    s.p50.toFixed(1),
    s.p95.toFixed(1),
    s.p99.toFixed(1),
    s.max.toFixed(1),
    s.mean.toFixed(1),
    s.hits.toFixed(0),
    String(s.errors),
  ];
  const body: string[][] = [];
  for (const category of order) {
    const of = samples.filter((s) => s.category === category);
    if (of.length > 0) body.push(row(category, summary(of)));
  }
  const overall = summary(samples);
  body.push(row('ALL', overall));
  printTable(['category', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'mean ms', 'avg hits', 'errors'], body);
  for (const s of samples.filter((x) => x.error !== null).slice(0, 5)) console.log(`ERROR ${s.category}: ${s.error}`);
  return overall;
}

async function runQueries(search: (dto: SearchQueryDto) => Promise<SearchResponse>, queries: readonly BenchQuery[]): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (const { category, dto } of queries) {
    const started = performance.now();
    try {
      const result = await search(dto);
      samples.push({ category, ms: performance.now() - started, total: result.total, error: null });
    } catch (error) {
      samples.push({ category, ms: performance.now() - started, total: 0, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return samples;
}

const fmt = (n: number) => n.toLocaleString('en-US');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

// ---------------------------------------------------------------------------------------------------------------
// Run

runBench(async (cleanup) => {
  cleanup.add(`could not clean Redis keys ${REDIS_PREFIX}*:`, () => deleteRedisKeys(REDIS_URL, REDIS_PREFIX));
  const database = await createScratchDatabase(DB_NAME, ADMIN_URL);
  cleanup.add(`could not drop ${DB_NAME}:`, async () => {
    if (KEEP_DB) console.log(`KEEP_DB=1: kept ${database.url} — drop it with: psql ${ADMIN_URL} -c 'DROP DATABASE "${DB_NAME}" WITH (FORCE)'`);
    else await database.drop();
  });
  let failed = false;

  // The app reads its environment when its modules load: set it first, import after. Without MEILI_URL the
  // search module binds the PostgreSQL adapter; Meilisearch is built by hand below.
  setAppEnvironment({ databaseUrl: database.url, redisUrl: REDIS_URL, redisPrefix: REDIS_PREFIX });
  // This bench times the engine: repeated queries must not come from the api's result cache (bench:load measures
  // that). SEARCH_CACHE_SECONDS given explicitly still wins.
  process.env.SEARCH_CACHE_SECONDS ??= '0';

  const { DataSource } = await import('typeorm');
  const { NestFactory } = await import('@nestjs/core');
  const {
    CoreModule,
    isMeilisearchReachable,
    MeilisearchSearchIndex,
    PostgresSearchIndex,
    SearchDocumentSource,
    SearchIndex,
    SearchReindexService,
    SearchService,
  } = await import('@hub/core');
  const { TAXONOMY, COMPANY_KINDS, RESEARCH_CENTRE_KINDS, STAGES, IP_STATUSES, LOOKING_FOR, COLLABORATION_TYPES } = await import('@hub/domain');

  await database.migrate();
  for (const [name, value] of PG_SETTINGS) {
    await database.admin((admin) => admin.query(`ALTER DATABASE "${DB_NAME}" SET ${name} = '${value}'`));
  }

  const nest = await NestFactory.createApplicationContext(CoreModule, { logger: false });
  cleanup.add('closing the app failed:', () => nest.close());
  const dataSource = nest.get(DataSource);
  const index = nest.get(SearchIndex);
  if (!(index instanceof PostgresSearchIndex)) throw new Error(`expected the PostgreSQL search index, got ${index.engine}`);

  const labels = new Map<string, Pair>();
  for (const dimension of ['sectors', 'therapeuticAreas', 'modalities'] as const) {
    for (const term of TAXONOMY[dimension]) labels.set(term.code, [term.labels.en, term.labels.it]);
  }
  const vocabulary: Vocabulary = {
    sectors: TAXONOMY.sectors.map((t) => t.code),
    therapeuticAreas: TAXONOMY.therapeuticAreas.map((t) => t.code),
    modalities: TAXONOMY.modalities.map((t) => t.code),
    labels,
    companyKinds: COMPANY_KINDS,
    centreKinds: RESEARCH_CENTRE_KINDS,
    stages: STAGES,
    ipStatuses: IP_STATUSES,
    lookingFor: LOOKING_FOR,
    collaborationTypes: COLLABORATION_TYPES,
  };

  // 1. Data
  let started = performance.now();
  const data = generate(seededRandom(SEED), vocabulary);
  const generateMs = performance.now() - started;
  started = performance.now();
  const counts = await dataSource.transaction(async (manager) => {
    const query = (sql: string, params: unknown[]) => manager.query(sql, params);
    const organisations = await bulkInsert(query, 'organisations', data.organisations);
    const companies = await bulkInsert(query, 'companies', data.companies);
    const funds = await bulkInsert(query, 'funds', data.funds);
    const centres = await bulkInsert(query, 'centres', data.centres);
    const offers = await bulkInsert(query, 'offers', data.offers);
    return { organisations, companies, funds, centres, offers };
  });
  const insertMs = performance.now() - started;
  const documents = counts.companies + counts.funds + counts.centres + counts.offers;

  console.log(`Hub Match search benchmark — node ${process.version}, seed ${SEED}, database ${DB_NAME}`);
  const [{ version }] = await dataSource.query(`SELECT current_setting('server_version') AS version`);
  console.log(`PostgreSQL ${version}; ${QUERIES} timed queries after ${WARMUP} warm-up queries, one at a time`);
  if (PG_SETTINGS.length > 0) console.log(`BENCH_PG_SETTINGS (not the default!): ${PG_SETTINGS.map(([n, v]) => `${n}=${v}`).join(', ')}`);
  console.log('');
  console.log(
    `data: ${fmt(documents)} documents (companies ${fmt(counts.companies)}, funds ${fmt(counts.funds)}, research centres ${fmt(counts.centres)}, ` +
      `technology offers ${fmt(counts.offers)}; organisations ${fmt(counts.organisations)})`,
  );
  console.log(`      generated in ${generateMs.toFixed(0)} ms, bulk-inserted in ${insertMs.toFixed(0)} ms (${fmt(Math.round((documents / insertMs) * 1000))} rows/s, outbox trigger included)`);
  console.log('');

  const reindexer = nest.get(SearchReindexService);
  const source = nest.get(SearchDocumentSource);
  const queries = generateQueries(seededRandom(SEED + 1), vocabulary, QUERIES);
  const warmup = generateQueries(seededRandom(SEED + 2), vocabulary, WARMUP);

  // 2. PostgreSQL index
  console.log('== PostgreSQL (PostgresSearchIndex) ==');
  const report = await reindexer.reindex();
  console.log(
    `index build: ${fmt(report.documents)} documents in ${(report.ms / 1000).toFixed(1)} s = ${fmt(Math.round((report.documents / report.ms) * 1000))} documents/s (SearchReindexService.reindex)`,
  );
  // What autovacuum does shortly after a bulk load; without it the planner starts from empty statistics.
  started = performance.now();
  await dataSource.query(`VACUUM (ANALYZE) search_documents, search_terms`);
  console.log(`then VACUUM (ANALYZE) search_documents, search_terms: ${(performance.now() - started).toFixed(0)} ms`);
  const [sizes] = await dataSource.query(
    `SELECT pg_total_relation_size('search_documents')::bigint AS docs, pg_relation_size('search_documents')::bigint AS heap,
            pg_indexes_size('search_documents')::bigint AS idx, pg_total_relation_size('search_terms')::bigint AS terms,
            (SELECT count(*) FROM search_terms)::int AS vocabulary`,
  );
  console.log(
    `size: search_documents ${mb(Number(sizes.docs))} total (heap ${mb(Number(sizes.heap))}, indexes ${mb(Number(sizes.idx))}); ` +
      `search_terms ${mb(Number(sizes.terms))} (${fmt(sizes.vocabulary)} words)`,
  );
  const service = nest.get(SearchService);
  await runQueries((dto) => service.search(dto), warmup);
  const postgres = printLatency(await runQueries((dto) => service.search(dto), queries));
  const met = postgres.p95 < TARGET_P95_MS;
  console.log(
    `TARGET PostgreSQL p95 < ${TARGET_P95_MS} ms at ${fmt(report.documents)} documents: ${met ? 'MET' : 'MISSED'} (p95 ${postgres.p95.toFixed(1)} ms)`,
  );
  if (postgres.errors > 0) failed = true;
  console.log('');

  // 4. Meilisearch
  if (await isMeilisearchReachable(MEILI_URL, MEILI_KEY)) {
    console.log(`== Meilisearch (MeilisearchSearchIndex at ${MEILI_URL}, index ${MEILI_INDEX}) ==`);
    const meili = new MeilisearchSearchIndex({ meili: { url: MEILI_URL, masterKey: MEILI_KEY, index: MEILI_INDEX } } as EnvData);
    cleanup.add(`could not delete Meilisearch index ${MEILI_INDEX}:`, () => meili.drop());
    const meiliReport = await new SearchReindexService(source, meili).reindex();
    console.log(
      `index build: ${fmt(meiliReport.documents)} documents in ${(meiliReport.ms / 1000).toFixed(1)} s = ${fmt(Math.round((meiliReport.documents / meiliReport.ms) * 1000))} documents/s`,
    );
    const meiliService = new SearchService(meili);
    await runQueries((dto) => meiliService.search(dto), warmup);
    const m = printLatency(await runQueries((dto) => meiliService.search(dto), queries));
    if (m.errors > 0) failed = true;
  } else {
    console.log(`Meilisearch: skipped (no server at ${MEILI_URL})`);
  }
  console.log('');
  console.log(`peak RSS: ${peakRssMb().toFixed(1)} MB`);
  if (failed) process.exitCode = 1;
});
