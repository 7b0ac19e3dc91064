/**
 * Benchmark of ranking quality: a generated evaluation set with planted preferences, in memory (no database).
 *
 * Venture capital: funds with a hidden thesis (therapeutic areas, modalities, stages, a ticket range, a
 * geography); companies generated to fit a fund's thesis fully, nearly (one condition a little or far off), only
 * in part of its field, or at random. Tech transfer: technology offers with planted fields (area, modality, TRL,
 * collaboration types); companies whose hidden need fits an offer fully, nearly or in part, their need written in
 * their technologyNeeds in words (or only in their description). A company's tags describe what it does: its
 * therapeutic areas are those of the technology it needs, its own modality is the needed one's family in 40% of
 * the planted companies. Profiles are what people would type: Italian or English, the taxonomy's labels and
 * synonyms or free wording ("oncologia", "cancer", "tumori solidi"), tags missing, partial or replaced by a parent,
 * some profiles text only, fields left empty.
 *
 * Relevance is the ground-truth grade computed from the hidden truth (2 full fit, 1 partial, 0 none; see vcGrade
 * and ttGrade). Each method ranks companies for each fund (offer) and funds (offers) for each company; NDCG@10 (gain
 * 2^grade − 1) and precision@5 (grade ≥ 1, and grade 2 only) are averaged over the queries that have anything
 * relevant. Baselines give the numbers a scale: a random order (mean of BENCH_SHUFFLES seeded shuffles), the count
 * of exactly shared taxonomy codes, and the TF-IDF cosine of the texts alone; ablations switch the scorer's text off.
 *
 *   npm run bench:quality
 *
 * Seeded and deterministic (BENCH_SEED); sizes BENCH_FUNDS, BENCH_OFFERS (companies follow from them).
 */
import {
  COLLABORATION_TYPES,
  DEFAULT_SCORING_CONFIG,
  EU_MEMBER_CODES,
  ScoringSpace,
  STAGES,
  TAXONOMY,
  taxonomy,
  TtScorer,
  VcScorer,
  cosine,
  type CollaborationType,
  type CompanyInput,
  type CompanyKind,
  type FundInput,
  type LookingFor,
  type OfferInput,
  type ScoringConfig,
  type TaxonomyDimension,
} from '@hub/domain';
import { meanOf, ndcgAt, precisionAt, rankIndexes } from './support/ranking-metrics';
import { printTable } from './support/print-table';
import { runBench } from './support/run-bench';
import { SECTORS_OF_MODALITY, wordFor } from './support/scoring-population';
import { seededRandom, type SeededRandom } from './support/seeded-random';

const SEED = Number(process.env.BENCH_SEED ?? 20261203);
const FUNDS = Number(process.env.BENCH_FUNDS ?? 100);
const OFFERS = Number(process.env.BENCH_OFFERS ?? 200);
const SHUFFLES = Number(process.env.BENCH_SHUFFLES ?? 20);
/** Companies planted per fund: full fits, near misses, fits in part of the field. */
const VC_PLANTED = { fit: 6, near: 6, partial: 4 };
const VC_BACKGROUND = 400;
/** Companies planted per offer. */
const TT_PLANTED = { fit: 4, near: 4, partial: 2 };
const TT_BACKGROUND = 400;

const AREAS = TAXONOMY.therapeuticAreas.map((t) => t.code);
const MODALITIES = TAXONOMY.modalities.map((t) => t.code);
const SECTORS = TAXONOMY.sectors.map((t) => t.code);
const EU_COUNTRIES = ['IT', 'IT', 'DE', 'FR', 'ES', 'NL', 'AT', 'BE'];
const NON_EU_COUNTRIES = ['CH', 'GB', 'US'];
const STAGE_WORDS: ReadonlyArray<readonly [string, string]> = [
  ['pre-seed', 'pre-seed'], ['seed', 'seed'], ['Series A', 'serie A'], ['Series B', 'serie B'], ['Series C and later', 'serie C e successive'], ['growth', 'crescita'],
];

type Lang = 0 | 1;
/** How a profile's visible fields depart from the truth. */
type Noise = 'complete' | 'partial tags' | 'text only' | 'missing fields';
const NOISES: readonly Noise[] = ['complete', 'partial tags', 'text only', 'missing fields'];

// ---------------------------------------------------------------------------------------------------------------
// Taxonomy relations the ground truth uses: a code matches itself, its parent and its children (CAR-T is cell
// therapy); siblings (CAR-T, stem cells) do not.

function family(dimension: TaxonomyDimension, a: string, b: string): boolean {
  return a === b || taxonomy.ancestors(dimension, a).includes(b) || taxonomy.ancestors(dimension, b).includes(a);
}

function anyFamily(dimension: TaxonomyDimension, as: readonly string[], bs: readonly string[]): boolean {
  return as.some((a) => bs.some((b) => family(dimension, a, b)));
}

/** The code itself, or (30%) its parent or one of its children: another way to say the same field. */
function relative(r: SeededRandom, dimension: TaxonomyDimension, code: string): string {
  if (!r.chance(0.3)) return code;
  const near = [...taxonomy.ancestors(dimension, code).slice(0, 1), ...taxonomy.descendants(dimension, code)];
  return near.length > 0 ? r.pick(near) : code;
}

/** A code of the dimension outside the family of all of `codes`. */
function unrelated(r: SeededRandom, dimension: TaxonomyDimension, all: readonly string[], codes: readonly string[]): string {
  const pool = all.filter((c) => !codes.some((x) => family(dimension, c, x)));
  return r.pick(pool.length > 0 ? pool : all);
}

const sectorOf = (r: SeededRandom, modality: string) => r.pick(SECTORS_OF_MODALITY[modality] ?? SECTORS);
const logUniform = (r: SeededRandom, lo: number, hi: number) => Math.round(10 ** (Math.log10(lo) + r.next() * (Math.log10(hi) - Math.log10(lo))) / 1000) * 1000;

/** Visible tags after noise: all, part (one dimension dropped, or a code replaced by its parent), or none. */
function visibleTags(r: SeededRandom, noise: Noise, tags: { sectors: string[]; therapeuticAreas: string[]; modalities: string[] }) {
  if (noise === 'text only') return { sectors: [], therapeuticAreas: [], modalities: [] };
  const out = { sectors: [...tags.sectors], therapeuticAreas: [...tags.therapeuticAreas], modalities: [...tags.modalities] };
  if (noise === 'partial tags') {
    const how = r.int(0, 2);
    if (how === 0) out.modalities = [];
    else if (how === 1) out.therapeuticAreas = [];
    else {
      out.therapeuticAreas = out.therapeuticAreas.map((c) => taxonomy.ancestors('therapeuticAreas', c)[0] ?? c);
      out.modalities = out.modalities.map((c) => taxonomy.ancestors('modalities', c)[0] ?? c).slice(0, 1);
    }
  }
  // People tick a box or two beyond their field.
  if (r.chance(0.15)) out.therapeuticAreas.push(r.pick(AREAS));
  if (r.chance(0.1)) out.modalities.push(r.pick(MODALITIES));
  return { sectors: [...new Set(out.sectors)], therapeuticAreas: [...new Set(out.therapeuticAreas)], modalities: [...new Set(out.modalities)] };
}

const join = (words: string[], lang: Lang) => (words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} ${lang === 1 ? 'e' : 'and'} ${words[words.length - 1]}`);

// ---------------------------------------------------------------------------------------------------------------
// Venture capital

interface Thesis {
  id: string;
  areas: string[];
  modalities: string[];
  sectors: string[];
  /** Indexes in STAGES, contiguous. */
  stages: number[];
  min: number;
  max: number;
  geography: 'IT' | 'EU' | 'WORLD';
  noise: Noise;
}

interface VcCompanyTruth {
  id: string;
  areas: string[];
  modalities: string[];
  sectors: string[];
  stage: number;
  funding: number;
  country: string;
  raising: boolean;
  kind: CompanyKind;
  noise: Noise;
  /** How it was planted, for the record. */
  plant: string;
}

function geographyAllows(geography: Thesis['geography'], country: string): boolean {
  return geography === 'WORLD' || (geography === 'EU' ? EU_MEMBER_CODES.has(country) : country === geography);
}

/**
 * Ground truth of a company for a fund: 2 when it is raising, in the fund's field (a therapeutic area and a
 * modality of the thesis, or their parent or child), at one of its stages, within its ticket and geography; 1 when
 * it is raising, in the geography and either in the field with the stage or the ticket a little off (one stage,
 * or within a factor of 3), or in half the field (area or modality) with stage and ticket right; else 0.
 */
function vcGrade(f: Thesis, c: VcCompanyTruth): number {
  if (!c.raising || !geographyAllows(f.geography, c.country)) return 0;
  const area = anyFamily('therapeuticAreas', c.areas, f.areas);
  const modality = anyFamily('modalities', c.modalities, f.modalities);
  const stageDistance = Math.min(...f.stages.map((s) => Math.abs(s - c.stage)));
  const ticketFactor = c.funding < f.min ? f.min / c.funding : c.funding > f.max ? c.funding / f.max : 1;
  const stageOk = stageDistance === 0;
  const ticketOk = ticketFactor === 1;
  if (area && modality && stageOk && ticketOk) return 2;
  if (area && modality && stageDistance <= 1 && ticketFactor <= 3) return 1;
  if ((area || modality) && stageOk && ticketOk) return 1;
  return 0;
}

function countryFor(r: SeededRandom, geography: Thesis['geography']): string {
  return geography === 'IT' ? 'IT' : geography === 'EU' ? r.pick(EU_COUNTRIES) : r.pick([...EU_COUNTRIES, ...NON_EU_COUNTRIES]);
}

function generateVc(r: SeededRandom) {
  const theses: Thesis[] = [];
  for (let i = 0; i < FUNDS; i++) {
    const first = r.int(0, STAGES.length - 2);
    const stages = r.chance(0.6) ? [first, first + 1] : [first];
    const min = logUniform(r, 150_000, 5_000_000);
    const modalities = r.some(MODALITIES, 1, 2);
    theses.push({
      id: r.uuid(),
      areas: r.some(AREAS, 1, 2),
      modalities,
      sectors: [...new Set(modalities.map((m) => sectorOf(r, m)))],
      stages,
      min,
      max: min * r.int(3, 10),
      geography: r.chance(0.4) ? 'IT' : r.chance(0.67) ? 'EU' : 'WORLD',
      noise: r.chance(0.6) ? 'complete' : r.chance(0.5) ? 'partial tags' : 'text only',
    });
  }
  const companies: VcCompanyTruth[] = [];
  const company = (plant: string, fields: Omit<VcCompanyTruth, 'id' | 'noise' | 'kind' | 'sectors' | 'plant'>) => {
    const noiseRoll = r.next();
    companies.push({
      id: r.uuid(),
      ...fields,
      sectors: [...new Set(fields.modalities.map((m) => sectorOf(r, m)))],
      kind: r.chance(0.75) ? 'startup' : 'sme',
      noise: noiseRoll < 0.45 ? 'complete' : noiseRoll < 0.65 ? 'partial tags' : noiseRoll < 0.8 ? 'text only' : 'missing fields',
      plant,
    });
  };
  for (const f of theses) {
    const inField = () => ({
      areas: [relative(r, 'therapeuticAreas', r.pick(f.areas)), ...(r.chance(0.3) ? [r.pick(AREAS)] : [])],
      modalities: [relative(r, 'modalities', r.pick(f.modalities)), ...(r.chance(0.2) ? [r.pick(MODALITIES)] : [])],
    });
    const fitting = () => ({ stage: r.pick(f.stages), funding: logUniform(r, f.min, f.max), country: countryFor(r, f.geography), raising: true });
    for (let k = 0; k < VC_PLANTED.fit; k++) company('fit', { ...inField(), ...fitting() });
    for (let k = 0; k < VC_PLANTED.near; k++) {
      const base = { ...inField(), ...fitting() };
      const kinds = ['stage-adjacent', 'stage-far', 'ticket-near', 'ticket-far', 'not-raising', ...(f.geography === 'WORLD' ? [] : ['geography'])];
      const kind = r.pick(kinds);
      const lo = Math.min(...f.stages);
      const hi = Math.max(...f.stages);
      if (kind === 'stage-adjacent') base.stage = lo > 0 && (hi === STAGES.length - 1 || r.chance(0.5)) ? lo - 1 : hi + 1;
      else if (kind === 'stage-far') base.stage = lo >= 2 && (hi > STAGES.length - 3 || r.chance(0.5)) ? r.int(0, lo - 2) : r.int(hi + 2, STAGES.length - 1);
      else if (kind === 'ticket-near') base.funding = r.chance(0.5) ? Math.round(f.max * (1.3 + r.next())) : Math.round(f.min / (1.3 + r.next()));
      else if (kind === 'ticket-far') base.funding = r.chance(0.5) ? Math.round(f.max * (15 + 25 * r.next())) : Math.max(10_000, Math.round(f.min / (15 + 25 * r.next())));
      else if (kind === 'not-raising') base.raising = false;
      else base.country = f.geography === 'IT' ? r.pick(['DE', 'FR', 'CH', 'US']) : r.pick(NON_EU_COUNTRIES);
      company(`near: ${kind}`, base);
    }
    for (let k = 0; k < VC_PLANTED.partial; k++) {
      const base = { ...inField(), ...fitting() };
      if (r.chance(0.5)) base.modalities = [unrelated(r, 'modalities', MODALITIES, f.modalities)];
      else base.areas = [unrelated(r, 'therapeuticAreas', AREAS, f.areas)];
      company('partial field', base);
    }
  }
  for (let k = 0; k < VC_BACKGROUND; k++) {
    company('background', {
      areas: r.some(AREAS, 1, 2),
      modalities: r.some(MODALITIES, 1, 2),
      stage: r.int(0, STAGES.length - 1),
      funding: logUniform(r, 50_000, 50_000_000),
      country: r.chance(0.7) ? 'IT' : r.pick([...EU_COUNTRIES, ...NON_EU_COUNTRIES]),
      raising: r.chance(0.7),
    });
  }
  // Shuffled, so that nothing about the order of generation reaches the rankings.
  return { theses, companies: shuffle(r, companies) };
}

function shuffle<T>(r: SeededRandom, items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function fundProfile(r: SeededRandom, f: Thesis): FundInput {
  const lang: Lang = r.chance(0.5) ? 1 : 0;
  const tags = visibleTags(r, f.noise, { sectors: f.sectors, therapeuticAreas: f.areas, modalities: f.modalities });
  // A text-only thesis names its whole field; others name part of it, in their own words.
  const named = (codes: string[]) => (f.noise === 'text only' ? codes : r.some(codes, 1, codes.length));
  const modalities = named(f.modalities).map((m) => wordFor(r, m, lang, 0.4));
  const areas = named(f.areas).map((a) => wordFor(r, a, lang, 0.4));
  const stages = f.stages.map((s) => STAGE_WORDS[s][lang]);
  const text =
    lang === 1
      ? `Investiamo in ${join(modalities, 1)} per ${join(areas, 1)}. ${r.chance(0.6) ? `Fasi: ${join(stages, 1)}.` : ''} ${r.chance(0.5) ? 'Affianchiamo i fondatori dalla ricerca al mercato.' : ''}`
      : `We back ${join(modalities, 0)} companies in ${join(areas, 0)}. ${r.chance(0.6) ? `Stages: ${join(stages, 0)}.` : ''} ${r.chance(0.5) ? 'We support founders from the lab to the market.' : ''}`;
  const ticket = r.chance(0.85);
  return {
    id: f.id,
    active: true,
    stages: r.chance(0.9) ? f.stages.map((s) => STAGES[s]) : [],
    ticketMinEur: ticket ? f.min : null,
    ticketMaxEur: ticket ? f.max : null,
    geographies: r.chance(0.9) ? [f.geography] : [],
    text,
    ...tags,
  };
}

function vcCompanyProfile(r: SeededRandom, c: VcCompanyTruth): CompanyInput {
  const lang: Lang = r.chance(0.55) ? 1 : 0;
  const tags = visibleTags(r, c.noise, { sectors: c.sectors, therapeuticAreas: c.areas, modalities: c.modalities });
  const missing = c.noise === 'missing fields';
  const m = join(c.modalities.map((x) => wordFor(r, x, lang, 0.4)), lang);
  const a = join(c.areas.map((x) => wordFor(r, x, lang, 0.4)), lang);
  const sentences =
    lang === 1
      ? [`Sviluppiamo ${m} per ${a}.`, `La nostra piattaforma di ${m} affronta ${a}.`, `Startup lombarda: ${m} applicati a ${a}.`]
      : [`We develop ${m} for ${a}.`, `Our ${m} platform addresses ${a}.`, `A Milan start-up applying ${m} to ${a}.`];
  const text = c.noise === 'text only' ? `${r.pick(sentences)} ${r.pick(sentences)}` : r.pick(sentences);
  const lookingFor: LookingFor[] = c.raising ? ['investment', ...(r.chance(0.2) ? (['rd_partnership'] as LookingFor[]) : [])] : [r.pick(['licensing_in', 'rd_partnership'] as const)];
  return {
    id: c.id,
    kind: c.kind,
    country: c.country,
    stage: missing ? null : STAGES[c.stage],
    trl: missing ? null : Math.min(9, 3 + c.stage + r.int(-1, 1)),
    // Amounts people type are round and approximate.
    fundingSoughtEur: missing ? null : Math.round((c.funding * (0.9 + 0.2 * r.next())) / 10_000) * 10_000,
    lookingFor: missing ? [] : lookingFor,
    text,
    technologyNeeds: null,
    ...tags,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Tech transfer

interface OfferTruth {
  id: string;
  centreId: string;
  area: string;
  modality: string;
  sector: string;
  trl: number;
  collaborationTypes: CollaborationType[];
  noise: Noise;
}

interface TtCompanyTruth {
  id: string;
  kind: CompanyKind;
  trl: number;
  areas: string[];
  ownModalities: string[];
  /** The technology it is after. */
  neededModality: string;
  wants: LookingFor[];
  noise: Noise;
  /** Its need is written only in its description, not in technologyNeeds. */
  needInDescription: boolean;
  plant: string;
}

/** How many TRL levels below its own a company can take in (larger companies absorb earlier technology). */
const ABSORBS: Record<CompanyKind, number> = { startup: 2, sme: 3, corporate: 5 };

function answers(types: readonly CollaborationType[], wants: readonly LookingFor[]): boolean {
  return (
    (wants.includes('licensing_in') && types.includes('licensing')) ||
    (wants.includes('rd_partnership') && (types.includes('co_development') || types.includes('sponsored_research')))
  );
}

/**
 * Ground truth of a company for an offer: 2 when the company looks for technology, the offer is in one of its
 * therapeutic areas and is the kind of technology it needs (or parent/child), the company can absorb its TRL and
 * the collaboration offered is the one it wants; 1 when field and need fit but one of TRL and collaboration does
 * not, or only one of field and need fits and TRL and collaboration do; else 0.
 */
function ttGrade(o: OfferTruth, c: TtCompanyTruth): number {
  if (!c.wants.some((w) => w === 'licensing_in' || w === 'rd_partnership')) return 0;
  const area = anyFamily('therapeuticAreas', c.areas, [o.area]);
  const need = family('modalities', c.neededModality, o.modality);
  const trlOk = o.trl >= c.trl - ABSORBS[c.kind];
  const collaborationOk = answers(o.collaborationTypes, c.wants);
  if (area && need && trlOk && collaborationOk) return 2;
  if (area && need && (trlOk || collaborationOk)) return 1;
  if ((area || need) && trlOk && collaborationOk) return 1;
  return 0;
}

function wantsFor(r: SeededRandom, types: readonly CollaborationType[]): LookingFor[] {
  const options: LookingFor[] = [];
  if (types.includes('licensing')) options.push('licensing_in');
  if (types.includes('co_development') || types.includes('sponsored_research')) options.push('rd_partnership');
  return [r.pick(options.length > 0 ? options : (['licensing_in'] as LookingFor[])), ...(r.chance(0.3) ? (['investment'] as LookingFor[]) : [])];
}

function generateTt(r: SeededRandom) {
  const centres = Array.from({ length: Math.max(1, Math.round(OFFERS / 4)) }, () => r.uuid());
  const offers: OfferTruth[] = [];
  for (let i = 0; i < OFFERS; i++) {
    const modality = r.pick(MODALITIES);
    let types = r.some(COLLABORATION_TYPES, 1, 2);
    // An offer only for a spin-off answers no company's search for technology: give it a second way in.
    if (types.length === 1 && types[0] === 'spin_off') types = ['spin_off', r.pick(['licensing', 'co_development'] as const)];
    offers.push({
      id: r.uuid(),
      centreId: r.pick(centres),
      area: r.pick(AREAS),
      modality,
      sector: sectorOf(r, modality),
      trl: r.int(2, 8),
      collaborationTypes: types,
      noise: r.chance(0.7) ? 'complete' : r.chance(0.5) ? 'partial tags' : 'text only',
    });
  }
  const companies: TtCompanyTruth[] = [];
  const company = (plant: string, fields: Omit<TtCompanyTruth, 'id' | 'noise' | 'needInDescription' | 'plant'>) => {
    const noiseRoll = r.next();
    companies.push({
      id: r.uuid(),
      ...fields,
      noise: noiseRoll < 0.55 ? 'complete' : noiseRoll < 0.7 ? 'partial tags' : noiseRoll < 0.8 ? 'text only' : 'missing fields',
      needInDescription: r.chance(0.15),
      plant,
    });
  };
  const kindOf = (): CompanyKind => (r.chance(0.6) ? 'startup' : r.chance(0.7) ? 'sme' : 'corporate');
  for (const o of offers) {
    const fitting = () => {
      const kind = kindOf();
      return {
        kind,
        trl: Math.min(9, r.int(Math.max(1, o.trl - 2), o.trl + ABSORBS[kind])),
        areas: [relative(r, 'therapeuticAreas', o.area), ...(r.chance(0.3) ? [r.pick(AREAS)] : [])],
        // What the company works with: the needed technology's family in 40% of cases, anything else otherwise.
        ownModalities: [r.chance(0.4) ? relative(r, 'modalities', o.modality) : r.pick(MODALITIES)],
        neededModality: relative(r, 'modalities', o.modality),
        wants: wantsFor(r, o.collaborationTypes),
      };
    };
    for (let k = 0; k < TT_PLANTED.fit; k++) company('fit', fitting());
    for (let k = 0; k < TT_PLANTED.near; k++) {
      const base = fitting();
      const kind = r.pick(['trl', 'collaboration', 'not-looking', 'trl and collaboration']);
      if (kind.startsWith('trl')) base.trl = Math.min(9, o.trl + ABSORBS[base.kind] + r.int(1, 3));
      if (base.trl - ABSORBS[base.kind] <= o.trl && kind.startsWith('trl')) base.kind = 'startup';
      if (kind.endsWith('collaboration')) {
        const other: LookingFor[] = (['licensing_in', 'rd_partnership'] as LookingFor[]).filter((w) => !answers(o.collaborationTypes, [w]));
        base.wants = other.length > 0 ? [r.pick(other)] : ['investment'];
      }
      if (kind === 'not-looking') base.wants = ['investment'];
      company(`near: ${kind}`, base);
    }
    for (let k = 0; k < TT_PLANTED.partial; k++) {
      const base = fitting();
      if (r.chance(0.5)) base.neededModality = unrelated(r, 'modalities', MODALITIES, [o.modality]);
      else base.areas = [unrelated(r, 'therapeuticAreas', AREAS, [o.area])];
      company('partial field', base);
    }
  }
  for (let k = 0; k < TT_BACKGROUND; k++) {
    const kind = kindOf();
    company('background', {
      kind,
      trl: r.int(2, 9),
      areas: r.some(AREAS, 1, 2),
      ownModalities: [r.pick(MODALITIES)],
      neededModality: r.pick(MODALITIES),
      wants: r.chance(0.7) ? [r.pick(['licensing_in', 'rd_partnership'] as const)] : ['investment'],
    });
  }
  return { offers, companies: shuffle(r, companies) };
}

function offerProfile(r: SeededRandom, o: OfferTruth): OfferInput {
  const lang: Lang = r.chance(0.5) ? 1 : 0;
  const tags = visibleTags(r, o.noise, { sectors: [o.sector], therapeuticAreas: [o.area], modalities: [o.modality] });
  const m = wordFor(r, o.modality, lang, 0.4);
  const a = wordFor(r, o.area, lang, 0.4);
  const title = lang === 1 ? r.pick([`Piattaforma di ${m} per ${a}`, `Brevetto: ${m} contro ${a}`]) : r.pick([`${m} platform for ${a}`, `Patent: ${m} against ${a}`]);
  const description =
    lang === 1
      ? `Tecnologia sviluppata nei nostri laboratori: ${wordFor(r, o.modality, 1, 0.5)} per ${wordFor(r, o.area, 1, 0.5)}, validata in modelli preclinici.`
      : `Technology developed in our labs: ${wordFor(r, o.modality, 0, 0.5)} for ${wordFor(r, o.area, 0, 0.5)}, validated in preclinical models.`;
  return {
    id: o.id,
    researchCentreId: o.centreId,
    trl: r.chance(0.9) ? o.trl : null,
    collaborationTypes: r.chance(0.9) ? o.collaborationTypes : [],
    text: `${title}\n${description}`,
    ...tags,
  };
}

function ttCompanyProfile(r: SeededRandom, c: TtCompanyTruth): CompanyInput {
  const lang: Lang = r.chance(0.55) ? 1 : 0;
  const sectors = [...new Set(c.ownModalities.map((m) => sectorOf(r, m)))];
  const tags = visibleTags(r, c.noise, { sectors, therapeuticAreas: c.areas, modalities: c.ownModalities });
  const missing = c.noise === 'missing fields';
  const own = join(c.ownModalities.map((x) => wordFor(r, x, lang, 0.4)), lang);
  const a = join(c.areas.map((x) => wordFor(r, x, lang, 0.4)), lang);
  const need = wordFor(r, c.neededModality, lang, 0.4);
  const needArea = wordFor(r, r.pick(c.areas), lang, 0.4);
  const pitch = lang === 1 ? `Sviluppiamo ${own} per ${a}.` : `We develop ${own} for ${a}.`;
  const needSentence =
    lang === 1
      ? r.pick([`Cerchiamo ${need} per ${needArea}.`, `Ci serve una tecnologia di ${need} da integrare nella nostra pipeline su ${needArea}.`])
      : r.pick([`Looking for ${need} for ${needArea}.`, `We need ${need} technology to bring into our ${needArea} pipeline.`]);
  return {
    id: c.id,
    kind: c.kind,
    country: 'IT',
    stage: missing ? null : STAGES[Math.min(STAGES.length - 1, Math.max(0, c.trl - 3))],
    trl: missing ? null : c.trl,
    fundingSoughtEur: null,
    lookingFor: missing ? [] : c.wants,
    text: c.needInDescription ? `${pitch} ${needSentence}` : pitch,
    technologyNeeds: c.needInDescription ? null : needSentence,
    ...tags,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Evaluation

/** Per-query results of one method, in both directions of a rows × columns score matrix. */
interface Evaluation {
  rows: { ndcg: number[]; p5: number[]; p5full: number[] };
  columns: { ndcg: number[]; p5: number[]; p5full: number[] };
}

/**
 * Ranks the columns for every row (and the rows for every column) by `scores` (row-major), and measures each
 * ranking against `grades`; queries with nothing relevant get NaN (left out of the means).
 */
function evaluate(scores: Float64Array, grades: Uint8Array, rowIds: readonly string[], columnIds: readonly string[]): Evaluation {
  const nr = rowIds.length;
  const nc = columnIds.length;
  const one = (n: number, score: (i: number) => number, grade: (i: number) => number, ids: readonly string[]) => {
    const order = rankIndexes(n, score, (i) => ids[i]);
    const ranked = order.slice(0, 10).map(grade);
    const all = Array.from({ length: n }, (_, i) => grade(i));
    const relevant = all.some((g) => g > 0);
    return {
      ndcg: ndcgAt(10, ranked, all),
      p5: relevant ? precisionAt(5, ranked, 1) : Number.NaN,
      p5full: all.some((g) => g === 2) ? precisionAt(5, ranked, 2) : Number.NaN,
    };
  };
  const out: Evaluation = { rows: { ndcg: [], p5: [], p5full: [] }, columns: { ndcg: [], p5: [], p5full: [] } };
  for (let i = 0; i < nr; i++) {
    const m = one(nc, (j) => scores[i * nc + j], (j) => grades[i * nc + j], columnIds);
    out.rows.ndcg.push(m.ndcg);
    out.rows.p5.push(m.p5);
    out.rows.p5full.push(m.p5full);
  }
  for (let j = 0; j < nc; j++) {
    const m = one(nr, (i) => scores[i * nc + j], (i) => grades[i * nc + j], rowIds);
    out.columns.ndcg.push(m.ndcg);
    out.columns.p5.push(m.p5);
    out.columns.p5full.push(m.p5full);
  }
  return out;
}

/** The mean of several evaluations, query by query (for the random baseline's shuffles). */
function averageEvaluations(evaluations: readonly Evaluation[]): Evaluation {
  const avg = (pick: (e: Evaluation) => number[]) => pick(evaluations[0]).map((_, i) => meanOf(evaluations.map((e) => pick(e)[i])));
  return {
    rows: { ndcg: avg((e) => e.rows.ndcg), p5: avg((e) => e.rows.p5), p5full: avg((e) => e.rows.p5full) },
    columns: { ndcg: avg((e) => e.columns.ndcg), p5: avg((e) => e.columns.p5), p5full: avg((e) => e.columns.p5full) },
  };
}

function matrix(nr: number, nc: number, score: (i: number, j: number) => number): Float64Array {
  const out = new Float64Array(nr * nc);
  for (let i = 0; i < nr; i++) for (let j = 0; j < nc; j++) out[i * nc + j] = score(i, j);
  return out;
}

function exactOverlap(a: { sectors: readonly string[]; therapeuticAreas: readonly string[]; modalities: readonly string[] }, b: typeof a): number {
  let n = 0;
  for (const dimension of ['sectors', 'therapeuticAreas', 'modalities'] as const) for (const code of a[dimension]) if (b[dimension].includes(code)) n++;
  return n;
}

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '–');

function printEvaluations(rowLabel: string, columnLabel: string, methods: ReadonlyArray<readonly [string, Evaluation]>): void {
  printTable(
    ['method', `${rowLabel} NDCG@10`, 'P@5', 'P@5 full', `${columnLabel} NDCG@10`, 'P@5', 'P@5 full'],
    methods.map(([name, e]) => [
      name,
      f3(meanOf(e.rows.ndcg)),
      f3(meanOf(e.rows.p5)),
      f3(meanOf(e.rows.p5full)),
      f3(meanOf(e.columns.ndcg)),
      f3(meanOf(e.columns.p5)),
      f3(meanOf(e.columns.p5full)),
    ]),
  );
}

/** NDCG@10 per noise type of the query profile. */
function printSlices(label: string, noiseOf: readonly Noise[], pick: (e: Evaluation) => number[], methods: ReadonlyArray<readonly [string, Evaluation]>): void {
  printTable(
    [label, 'queries', ...methods.map(([name]) => name)],
    NOISES.filter((noise) => noiseOf.includes(noise)).map((noise) => {
      const idx = noiseOf.map((n, i) => (n === noise ? i : -1)).filter((i) => i >= 0);
      const counted = idx.filter((i) => Number.isFinite(pick(methods[0][1])[i]));
      return [noise, String(counted.length), ...methods.map(([, e]) => f3(meanOf(idx.map((i) => pick(e)[i]))))];
    }),
  );
}

function gradeCounts(grades: Uint8Array): string {
  const counts = [0, 0, 0];
  for (const g of grades) counts[g]++;
  return `grade 2 (full fit) ${counts[2].toLocaleString('en-US')} pairs, grade 1 (partial) ${counts[1].toLocaleString('en-US')}, grade 0 ${counts[0].toLocaleString('en-US')}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Run

runBench(async () => {
  const started = performance.now();
  console.log(`Hub Match ranking quality benchmark — seed ${SEED}, DEFAULT_SCORING_CONFIG (minScore ${DEFAULT_SCORING_CONFIG.minScore} not applied: full rankings)`);
  console.log('');
  const r = seededRandom(SEED);
  const vc = generateVc(r);
  const tt = generateTt(r);
  const funds = vc.theses.map((f) => fundProfile(r, f));
  const vcCompanies = vc.companies.map((c) => vcCompanyProfile(r, c));
  const offers = tt.offers.map((o) => offerProfile(r, o));
  const ttCompanies = tt.companies.map((c) => ttCompanyProfile(r, c));

  // One corpus, as in production: every text fits the statistics.
  const space = new ScoringSpace().fit([
    ...[...vcCompanies, ...ttCompanies].map((c) => `${c.technologyNeeds ?? ''}\n${c.text}`),
    ...funds.map((f) => f.text),
    ...offers.map((o) => o.text),
  ]);
  const cf = funds.map((f) => space.fund(f));
  const cvc = vcCompanies.map((c) => space.company(c));
  const co = offers.map((o) => space.offer(o));
  const ctt = ttCompanies.map((c) => space.company(c));
  const withWeights = (change: (config: ScoringConfig) => void): ScoringConfig => {
    const config: ScoringConfig = JSON.parse(JSON.stringify(DEFAULT_SCORING_CONFIG));
    change(config);
    return config;
  };

  // ---- Venture capital: rows = funds, columns = companies
  const nf = funds.length;
  const nvc = vcCompanies.length;
  const vcGrades = new Uint8Array(nf * nvc);
  for (let i = 0; i < nf; i++) for (let j = 0; j < nvc; j++) vcGrades[i * nvc + j] = vcGrade(vc.theses[i], vc.companies[j]);
  const fundIds = funds.map((f) => f.id);
  const vcCompanyIds = vcCompanies.map((c) => c.id);
  const vcScorer = new VcScorer(space, DEFAULT_SCORING_CONFIG);
  const vcNoText = new VcScorer(space, withWeights((c) => (c.venture_capital.text = 0)));
  const shuffled = (seed: number, nr: number, nc: number) => {
    const g = seededRandom(seed);
    return matrix(nr, nc, () => g.next());
  };
  const vcMethods: Array<readonly [string, Evaluation]> = [
    ['random order', averageEvaluations(Array.from({ length: SHUFFLES }, (_, k) => evaluate(shuffled(SEED + 100 + k, nf, nvc), vcGrades, fundIds, vcCompanyIds)))],
    ['taxonomy exact overlap', evaluate(matrix(nf, nvc, (i, j) => exactOverlap(funds[i], vcCompanies[j])), vcGrades, fundIds, vcCompanyIds)],
    ['TF-IDF text cosine only', evaluate(matrix(nf, nvc, (i, j) => cosine(cf[i].text, cvc[j].text)), vcGrades, fundIds, vcCompanyIds)],
    ['VcScorer, text weight 0', evaluate(matrix(nf, nvc, (i, j) => vcNoText.score(cvc[j], cf[i])), vcGrades, fundIds, vcCompanyIds)],
    ['VcScorer (default weights)', evaluate(matrix(nf, nvc, (i, j) => vcScorer.score(cvc[j], cf[i])), vcGrades, fundIds, vcCompanyIds)],
  ];
  const plants = new Map<string, number>();
  for (const c of vc.companies) plants.set(c.plant, (plants.get(c.plant) ?? 0) + 1);
  console.log(`== Venture capital: ${nf} funds (hidden theses) × ${nvc.toLocaleString('en-US')} companies ==`);
  console.log(`companies planted: ${[...plants].map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(
    `noise: funds ${NOISES.map((n) => `${n} ${vc.theses.filter((f) => f.noise === n).length}`).join(', ')}; companies ${NOISES.map((n) => `${n} ${vc.companies.filter((c) => c.noise === n).length}`).join(', ')}`,
  );
  console.log(`ground truth: ${gradeCounts(vcGrades)}`);
  const vcFundQueries = vcMethods[0][1].rows.ndcg.filter((x) => Number.isFinite(x)).length;
  const vcCompanyQueries = vcMethods[0][1].columns.ndcg.filter((x) => Number.isFinite(x)).length;
  console.log(`queries with something relevant: ${vcFundQueries} of ${nf} funds, ${vcCompanyQueries.toLocaleString('en-US')} of ${nvc.toLocaleString('en-US')} companies`);
  console.log('');
  printEvaluations('fund→companies', 'company→funds', vcMethods);
  console.log('');
  const vcSliceMethods = [vcMethods[1], vcMethods[2], vcMethods[4]] as const;
  console.log('NDCG@10 by the noise of the query profile:');
  printSlices('fund→companies, fund is', vc.theses.map((f) => f.noise), (e) => e.rows.ndcg, vcSliceMethods);
  console.log('');
  printSlices('company→funds, company is', vc.companies.map((c) => c.noise), (e) => e.columns.ndcg, vcSliceMethods);
  console.log('');

  // ---- Tech transfer: rows = offers, columns = companies
  const no = offers.length;
  const ntt = ttCompanies.length;
  const ttGrades = new Uint8Array(no * ntt);
  for (let i = 0; i < no; i++) for (let j = 0; j < ntt; j++) ttGrades[i * ntt + j] = ttGrade(tt.offers[i], tt.companies[j]);
  const offerIds = offers.map((o) => o.id);
  const ttCompanyIds = ttCompanies.map((c) => c.id);
  const ttScorer = new TtScorer(space, DEFAULT_SCORING_CONFIG);
  const ttNoText = new TtScorer(space, withWeights((c) => (c.tech_transfer.needsText = 0)));
  const ttMethods: Array<readonly [string, Evaluation]> = [
    ['random order', averageEvaluations(Array.from({ length: SHUFFLES }, (_, k) => evaluate(shuffled(SEED + 200 + k, no, ntt), ttGrades, offerIds, ttCompanyIds)))],
    ['taxonomy exact overlap', evaluate(matrix(no, ntt, (i, j) => exactOverlap(offers[i], ttCompanies[j])), ttGrades, offerIds, ttCompanyIds)],
    ['TF-IDF text cosine only (needs)', evaluate(matrix(no, ntt, (i, j) => cosine(co[i].text, ctt[j].needs)), ttGrades, offerIds, ttCompanyIds)],
    ['TtScorer, needs-text weight 0', evaluate(matrix(no, ntt, (i, j) => ttNoText.score(co[i], ctt[j])), ttGrades, offerIds, ttCompanyIds)],
    ['TtScorer (default weights)', evaluate(matrix(no, ntt, (i, j) => ttScorer.score(co[i], ctt[j])), ttGrades, offerIds, ttCompanyIds)],
  ];
  const ttPlants = new Map<string, number>();
  for (const c of tt.companies) ttPlants.set(c.plant, (ttPlants.get(c.plant) ?? 0) + 1);
  console.log(`== Tech transfer: ${no} technology offers (planted fields) × ${ntt.toLocaleString('en-US')} companies (hidden needs) ==`);
  console.log(`companies planted: ${[...ttPlants].map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(
    `noise: offers ${NOISES.map((n) => `${n} ${tt.offers.filter((o) => o.noise === n).length}`).join(', ')}; companies ${NOISES.map((n) => `${n} ${tt.companies.filter((c) => c.noise === n).length}`).join(', ')}; ` +
      `need written only in the description: ${tt.companies.filter((c) => c.needInDescription).length} companies`,
  );
  console.log(`ground truth: ${gradeCounts(ttGrades)}`);
  const ttOfferQueries = ttMethods[0][1].rows.ndcg.filter((x) => Number.isFinite(x)).length;
  const ttCompanyQueries = ttMethods[0][1].columns.ndcg.filter((x) => Number.isFinite(x)).length;
  console.log(`queries with something relevant: ${ttOfferQueries} of ${no} offers, ${ttCompanyQueries.toLocaleString('en-US')} of ${ntt.toLocaleString('en-US')} companies`);
  console.log('');
  printEvaluations('offer→companies', 'company→offers', ttMethods);
  console.log('');
  const ttSliceMethods = [ttMethods[1], ttMethods[2], ttMethods[4]] as const;
  console.log('NDCG@10 by the noise of the query profile:');
  printSlices('offer→companies, offer is', tt.offers.map((o) => o.noise), (e) => e.rows.ndcg, ttSliceMethods);
  console.log('');
  printSlices('company→offers, company is', tt.companies.map((c) => c.noise), (e) => e.columns.ndcg, ttSliceMethods);
  console.log('');

  console.log('== Summary (NDCG@10, both directions averaged) ==');
  const both = (e: Evaluation) => (meanOf(e.rows.ndcg) + meanOf(e.columns.ndcg)) / 2;
  printTable(
    ['area', 'random', 'exact overlap', 'text cosine', 'scorer', 'scorer − best baseline'],
    [
      ['venture capital', vcMethods[0][1], vcMethods[1][1], vcMethods[2][1], vcMethods[4][1]] as const,
      ['tech transfer', ttMethods[0][1], ttMethods[1][1], ttMethods[2][1], ttMethods[4][1]] as const,
    ].map(([area, random, overlap, text, scorer]) => [
      area,
      f3(both(random)),
      f3(both(overlap)),
      f3(both(text)),
      f3(both(scorer)),
      `${both(scorer) - Math.max(both(random), both(overlap), both(text)) >= 0 ? '+' : ''}${(both(scorer) - Math.max(both(random), both(overlap), both(text))).toFixed(3)}`,
    ]),
  );
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
});
