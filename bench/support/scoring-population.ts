import {
  COLLABORATION_TYPES,
  IP_STATUSES,
  RESEARCH_CENTRE_KINDS,
  STAGES,
  TAXONOMY,
  type CollaborationType,
  type CompanyInput,
  type CompanyKind,
  type FundInput,
  type LookingFor,
  type OfferInput,
  type Stage,
} from '@hub/domain';
import { codeWording, type CodeWording } from './scoring-vocabulary';
import type { SeededRandom } from './seeded-random';

/**
 * A seeded population of profiles for the scoring benchmark, as database rows (snake_case, as the tables hold
 * them) and, through the functions at the end, as the scoring inputs the worker's ScoringCorpus builds from the
 * same rows. Tags hang together (a CAR-T company is in biotech), texts mix Italian and English and use both the
 * taxonomy's words and free wording, fields are sometimes missing.
 */

export interface CompanyRow {
  id: string;
  external_id: string;
  name: string;
  kind: CompanyKind;
  country: string;
  region: string;
  city: string;
  pitch: string;
  description: string | null;
  sectors: string[];
  therapeutic_areas: string[];
  modalities: string[];
  stage: Stage | null;
  trl: number | null;
  funding_sought_eur: number | null;
  ip_status: string | null;
  looking_for: LookingFor[];
  technology_needs: string | null;
}

export interface FundRow {
  id: string;
  external_id: string;
  name: string;
  manager: string | null;
  country: string;
  thesis: string | null;
  stages: Stage[];
  ticket_min_eur: number | null;
  ticket_max_eur: number | null;
  fund_size_eur: number | null;
  sectors: string[];
  therapeutic_areas: string[];
  modalities: string[];
  geographies: string[];
  lead_investor: boolean;
  active: boolean;
}

export interface CentreRow {
  id: string;
  external_id: string;
  name: string;
  kind: string;
  country: string;
  region: string;
  city: string;
  description: string | null;
  sectors: string[];
  therapeutic_areas: string[];
  modalities: string[];
}

export interface OfferRow {
  id: string;
  research_centre_id: string;
  external_id: string;
  title: string;
  description: string | null;
  sectors: string[];
  therapeutic_areas: string[];
  modalities: string[];
  trl: number | null;
  ip_status: string | null;
  collaboration_types: CollaborationType[];
}

export interface Population {
  companies: CompanyRow[];
  funds: FundRow[];
  centres: CentreRow[];
  offers: OfferRow[];
}

export interface PopulationSizes {
  companies: number;
  funds: number;
  centres: number;
  offers: number;
}

const CITIES: ReadonlyArray<readonly [string, string]> = [
  ['Milano', 'Lombardia'], ['Milano', 'Lombardia'], ['Milano', 'Lombardia'], ['Pavia', 'Lombardia'], ['Bergamo', 'Lombardia'], ['Brescia', 'Lombardia'],
  ['Monza', 'Lombardia'], ['Varese', 'Lombardia'], ['Como', 'Lombardia'], ['Segrate', 'Lombardia'], ['Rozzano', 'Lombardia'], ['Sesto San Giovanni', 'Lombardia'],
  ['Torino', 'Piemonte'], ['Bologna', 'Emilia-Romagna'], ['Padova', 'Veneto'], ['Roma', 'Lazio'], ['Napoli', 'Campania'], ['Siena', 'Toscana'],
];
const FOREIGN: ReadonlyArray<readonly [string, string, string]> = [
  ['CH', 'Ticino', 'Lugano'], ['CH', 'Basel-Stadt', 'Basel'], ['DE', 'Bayern', 'München'], ['FR', 'Île-de-France', 'Paris'], ['ES', 'Cataluña', 'Barcelona'],
  ['NL', 'Noord-Holland', 'Amsterdam'], ['AT', 'Wien', 'Wien'], ['GB', 'England', 'Cambridge'], ['US', 'Massachusetts', 'Boston'],
];
const ROOTS = ['Gene', 'Neuro', 'Cardio', 'Onco', 'Immuno', 'Derma', 'Osteo', 'Pneumo', 'Bio', 'Medi', 'Cyto', 'Vita', 'Nano', 'Thera', 'Diagno', 'Ortho', 'Micro', 'Cell'];
const TAILS = ['tech', 'gen', 'logic', 'vax', 'cura', 'sense', 'lab', 'med', 'cell', 'path', 'nova', 'form', 'metrix', 'via', 'bit', 'core'];
const LEGAL = ['S.r.l.', 'S.p.A.', 'S.r.l. Società Benefit', 'AG', 'GmbH', 'SAS', 'Ltd'];
const FUND_WORDS = ['Lombardy', 'Alpine', 'Milano', 'Insubria', 'Padana', 'Ticino', 'Euro', 'Helix', 'Brera', 'Navigli', 'Lario', 'Orobie'];
const FUND_KINDS = ['Life Sciences Fund', 'Bio Ventures', 'Health Capital', 'MedTech Fund', 'Venture Partners', 'Innovazione Salute', 'Fondo Scienze della Vita'];
const MANAGERS = ['Panakès Partners SGR', 'Indaco Venture Partners SGR', 'Sofinnova Partners', 'CDP Venture Capital SGR', 'Claris Ventures SGR', 'XGEN Venture', 'Eureka! Venture SGR'];
const CENTRE_PREFIXES = ['IRCCS Istituto', 'Università degli Studi di', 'Ospedale', 'Fondazione', 'Istituto di Ricerche', 'Dipartimento di Medicina'];
const CENTRE_NAMES = ['San Raffaele', 'Mario Negri', 'Humanitas', 'Besta', 'Policlinico', 'Maugeri', 'Niguarda', 'Galeazzi', 'Bicocca', 'Insubria', 'Pavia', 'Monzino', 'Sacco'];
const APPLICATIONS: ReadonlyArray<readonly [string, string]> = [
  ['early diagnosis', 'diagnosi precoce'], ['patient stratification', 'stratificazione dei pazienti'], ['home monitoring', 'monitoraggio domiciliare'],
  ['relapse monitoring', 'monitoraggio della recidiva'], ['drug discovery', 'scoperta di farmaci'], ['clinical decision support', 'supporto alle decisioni cliniche'],
  ['targeted delivery', 'rilascio mirato'], ['minimally invasive surgery', 'chirurgia mini-invasiva'], ['preclinical validation', 'validazione preclinica'],
];
const NEEDS: ReadonlyArray<readonly [string, string]> = [
  ['We are looking for', 'Cerchiamo'], ['We need', 'Ci serve'], ['Seeking a licence for', 'Cerchiamo in licenza'], ['Interested in co-developing', 'Interessati a co-sviluppare'],
];

/** Which sectors a modality's makers usually sit in. */
export const SECTORS_OF_MODALITY: Record<string, readonly string[]> = {
  small_molecule: ['pharma', 'biotech'], biologic: ['biopharma', 'biotech'], monoclonal_antibody: ['biopharma', 'biotech'],
  gene_therapy: ['biotech'], cell_therapy: ['biotech'], car_t: ['biotech', 'biopharma'], stem_cell_therapy: ['biotech'], rna: ['biotech'],
  mrna: ['biotech', 'biopharma'], vaccine: ['biopharma', 'pharma'], medical_device: ['medtech'], implantable_device: ['medtech'],
  wearable_device: ['medtech', 'digital_health'], diagnostic_assay: ['diagnostics', 'in_vitro_diagnostics'], companion_diagnostic: ['diagnostics'],
  liquid_biopsy: ['in_vitro_diagnostics', 'diagnostics'], imaging: ['medtech', 'diagnostics'], software_ai: ['digital_health'],
  digital_therapeutic: ['digital_health'], telemedicine: ['digital_health', 'healthcare_services'], genomics: ['biotech', 'diagnostics'],
  precision_medicine: ['biotech', 'diagnostics'],
};

const SECTORS = TAXONOMY.sectors.map((t) => t.code);
const AREAS = TAXONOMY.therapeuticAreas.map((t) => t.code);
const MODALITIES = TAXONOMY.modalities.map((t) => t.code);
const WORDING = codeWording(TAXONOMY);

/** One phrase naming `code` in the language (0 English, 1 Italian): the taxonomy's words, or free wording. */
export function wordFor(r: SeededRandom, code: string, lang: 0 | 1, freeShare = 0.3, wording: Map<string, CodeWording> = WORDING): string {
  const w = wording.get(code);
  if (!w) return code;
  const free = w.free[lang];
  if (free.length > 0 && r.chance(freeShare)) return r.pick(free);
  return r.pick(w.known[lang]);
}

function place(r: SeededRandom, foreignShare: number): { country: string; region: string; city: string } {
  if (!r.chance(foreignShare)) {
    const [city, region] = r.pick(CITIES);
    return { country: 'IT', region, city };
  }
  const [country, region, city] = r.pick(FOREIGN);
  return { country, region, city };
}

/** A sentence about the tags in English (0) or Italian (1). */
function sentence(r: SeededRandom, areas: readonly string[], modalities: readonly string[], sectors: readonly string[], city: string, lang: 0 | 1): string {
  const area = areas.length > 0 ? wordFor(r, r.pick(areas), lang) : wordFor(r, r.pick(AREAS), lang);
  const modality = modalities.length > 0 ? wordFor(r, r.pick(modalities), lang) : wordFor(r, r.pick(MODALITIES), lang);
  const sector = sectors.length > 0 ? wordFor(r, r.pick(sectors), lang) : modality;
  const application = r.pick(APPLICATIONS)[lang];
  const templates =
    lang === 1
      ? [
          `Sviluppiamo ${modality} per ${area}, con sede a ${city}.`,
          `Piattaforma di ${modality} per la ${application} in ${area}.`,
          `Azienda di ${sector}: ${modality} applicati a ${area}, laboratori a ${city}.`,
          `Validazione clinica di ${modality} nel trattamento di ${area}.`,
          `${modality} per ${application}, in collaborazione con ospedali lombardi (${area}).`,
        ]
      : [
          `We develop ${modality} for ${area}, based in ${city}.`,
          `A ${modality} platform for ${application} in ${area}.`,
          `${sector} company: ${modality} applied to ${area}, with labs in ${city}.`,
          `Clinical validation of ${modality} for the treatment of ${area}.`,
          `${modality} for ${application}, partnering with hospitals in Lombardy (${area}).`,
        ];
  return r.pick(templates);
}

function paragraph(r: SeededRandom, areas: readonly string[], modalities: readonly string[], sectors: readonly string[], city: string, n: number): string {
  const lang: 0 | 1 = r.chance(0.55) ? 1 : 0;
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(sentence(r, areas, modalities, sectors, city, r.chance(0.85) ? lang : lang === 1 ? 0 : 1));
  return parts.join(' ');
}

/** Coherent tags: modalities first, sectors from them, therapeutic areas on their own. */
function tags(r: SeededRandom, maxModalities: number, maxAreas: number, noneShare: number) {
  const modalities = r.chance(noneShare) ? [] : r.some(MODALITIES, 1, maxModalities);
  const sectorSet = new Set<string>();
  for (const m of modalities) sectorSet.add(r.pick(SECTORS_OF_MODALITY[m] ?? SECTORS));
  if (sectorSet.size === 0 || r.chance(0.1)) sectorSet.add(r.pick(SECTORS));
  const therapeuticAreas = r.chance(noneShare) ? [] : r.some(AREAS, 1, maxAreas);
  return { sectors: [...sectorSet], therapeuticAreas, modalities };
}

/** A funding amount between 10^lo and 10^hi euros, log-uniform, rounded to 25k. */
function amount(r: SeededRandom, lo: number, hi: number): number {
  return Math.max(25_000, Math.round(10 ** (lo + r.next() * (hi - lo)) / 25_000) * 25_000);
}

const STAGE_OF_KIND: Record<CompanyKind, readonly number[]> = { startup: [0, 0, 1, 1, 1, 2, 2, 3], sme: [1, 2, 2, 3, 3, 4, 5], corporate: [3, 4, 5, 5] };

export function generatePopulation(r: SeededRandom, sizes: PopulationSizes): Population {
  const pop: Population = { companies: [], funds: [], centres: [], offers: [] };

  for (let i = 1; i <= sizes.companies; i++) {
    const where = place(r, 0.15);
    const kind: CompanyKind = r.chance(0.6) ? 'startup' : r.chance(0.75) ? 'sme' : 'corporate';
    const t = tags(r, 2, 2, 0.1);
    const stageIndex = r.pick(STAGE_OF_KIND[kind]);
    const lookingFor: LookingFor[] = [];
    if (r.chance(0.6)) lookingFor.push('investment');
    if (r.chance(0.3)) lookingFor.push('licensing_in');
    if (r.chance(0.35)) lookingFor.push('rd_partnership');
    const needed = r.some(MODALITIES, 1, 2);
    const lang: 0 | 1 = r.chance(0.5) ? 1 : 0;
    const name = `${r.pick(ROOTS)}${r.pick(TAILS)} ${r.pick(LEGAL)}`;
    pop.companies.push({
      id: r.uuid(),
      external_id: `BENCH-CO-${String(i).padStart(6, '0')}`,
      name,
      kind,
      ...where,
      pitch: sentence(r, t.therapeuticAreas, t.modalities, t.sectors, where.city, lang).slice(0, 280),
      description: r.chance(0.85) ? paragraph(r, t.therapeuticAreas, t.modalities, t.sectors, where.city, r.int(1, 4)) : null,
      sectors: t.sectors,
      therapeutic_areas: t.therapeuticAreas,
      modalities: t.modalities,
      stage: r.chance(0.8) ? STAGES[stageIndex] : null,
      trl: r.chance(0.8) ? Math.min(9, Math.max(1, 3 + stageIndex + r.int(-2, 1))) : null,
      funding_sought_eur: r.chance(0.6) ? amount(r, 4.7 + stageIndex * 0.3, 6.2 + stageIndex * 0.3) : null,
      ip_status: r.chance(0.7) ? r.pick(IP_STATUSES) : null,
      looking_for: lookingFor,
      technology_needs:
        lookingFor.some((l) => l !== 'investment') || r.chance(0.1)
          ? `${r.pick(NEEDS)[lang]} ${needed.map((m) => wordFor(r, m, lang)).join(lang === 1 ? ' e ' : ' and ')} ${lang === 1 ? 'per' : 'for'} ${wordFor(r, r.pick(t.therapeuticAreas.length > 0 ? t.therapeuticAreas : AREAS), lang)}.`
          : null,
    });
  }

  for (let i = 1; i <= sizes.funds; i++) {
    const where = place(r, 0.3);
    const first = r.int(0, STAGES.length - 1);
    const last = Math.min(STAGES.length - 1, first + r.int(0, 2));
    const min = amount(r, 5, 6.8);
    const max = min * r.int(2, 20);
    const sectors = r.some(SECTORS, 1, 3);
    const therapeuticAreas = r.some(AREAS, 0, 4);
    const modalities = r.some(MODALITIES, 0, 4);
    const lang: 0 | 1 = r.chance(0.5) ? 1 : 0;
    pop.funds.push({
      id: r.uuid(),
      external_id: `BENCH-FU-${String(i).padStart(6, '0')}`,
      name: `${r.pick(FUND_WORDS)} ${r.pick(FUND_KINDS)} ${i}`,
      manager: r.chance(0.9) ? r.pick(MANAGERS) : null,
      country: where.country,
      thesis: r.chance(0.85)
        ? `${lang === 1 ? 'Investiamo in' : 'We invest in'} ${paragraph(r, therapeuticAreas, modalities, sectors, where.city, r.int(1, 3))}`
        : null,
      stages: STAGES.slice(first, last + 1) as Stage[],
      ticket_min_eur: r.chance(0.9) ? min : null,
      ticket_max_eur: r.chance(0.9) ? max : null,
      fund_size_eur: r.chance(0.9) ? max * r.int(10, 60) : null,
      sectors,
      therapeutic_areas: therapeuticAreas,
      modalities,
      geographies: r.chance(0.3) ? ['WORLD'] : r.some(['IT', 'EU', 'CH', 'DE', 'FR', 'US'], 1, 3),
      lead_investor: r.chance(0.4),
      active: r.chance(0.9),
    });
  }

  for (let i = 1; i <= sizes.centres; i++) {
    const where = place(r, 0.05);
    const t = tags(r, 4, 5, 0);
    pop.centres.push({
      id: r.uuid(),
      external_id: `BENCH-RC-${String(i).padStart(6, '0')}`,
      name: `${r.pick(CENTRE_PREFIXES)} ${r.pick(CENTRE_NAMES)} ${i}`,
      kind: r.pick(RESEARCH_CENTRE_KINDS),
      ...where,
      description: r.chance(0.9) ? paragraph(r, t.therapeuticAreas, t.modalities, t.sectors, where.city, r.int(1, 4)) : null,
      sectors: t.sectors,
      therapeutic_areas: t.therapeuticAreas,
      modalities: t.modalities,
    });
  }

  for (let i = 1; i <= sizes.offers; i++) {
    const centre = r.pick(pop.centres);
    const t = tags(r, 2, 2, 0);
    if (r.chance(0.7) && centre.therapeutic_areas.length > 0) t.therapeuticAreas = r.some(centre.therapeutic_areas, 1, 2);
    const lang: 0 | 1 = r.chance(0.5) ? 1 : 0;
    const m = wordFor(r, r.pick(t.modalities), lang);
    const a = wordFor(r, r.pick(t.therapeuticAreas), lang);
    const app = r.pick(APPLICATIONS)[lang];
    pop.offers.push({
      id: r.uuid(),
      research_centre_id: centre.id,
      external_id: `BENCH-TO-${String(i).padStart(6, '0')}`,
      title:
        lang === 1
          ? r.pick([`Piattaforma di ${m} per ${a}`, `${m} per la ${app}`, `Brevetto: ${m} contro ${a}`, `Nuovo metodo di ${app} in ${a}`])
          : r.pick([`${m} platform for ${a}`, `Novel ${m} against ${a}`, `Patent: ${m} for ${app}`, `A ${app} method in ${a}`]),
      description: r.chance(0.9) ? paragraph(r, t.therapeuticAreas, t.modalities, t.sectors, centre.city, r.int(1, 4)) : null,
      sectors: t.sectors,
      therapeutic_areas: t.therapeuticAreas,
      modalities: t.modalities,
      trl: r.chance(0.9) ? r.int(2, 8) : null,
      ip_status: r.chance(0.8) ? r.pick(IP_STATUSES) : null,
      collaboration_types: r.some(COLLABORATION_TYPES, 1, 3),
    });
  }
  return pop;
}

// ---------------------------------------------------------------------------------------------------------------
// Rows → scoring inputs, as ScoringCorpus builds them

const text = (...parts: Array<string | null>) => parts.filter((p): p is string => !!p).join('\n');

export function companyInput(c: CompanyRow): CompanyInput {
  return {
    id: c.id,
    kind: c.kind,
    country: c.country,
    stage: c.stage,
    trl: c.trl,
    fundingSoughtEur: c.funding_sought_eur,
    lookingFor: c.looking_for,
    text: text(c.pitch, c.description),
    technologyNeeds: c.technology_needs,
    sectors: c.sectors,
    therapeuticAreas: c.therapeutic_areas,
    modalities: c.modalities,
  };
}

export function fundInput(f: FundRow): FundInput {
  return {
    id: f.id,
    active: f.active,
    stages: f.stages,
    ticketMinEur: f.ticket_min_eur,
    ticketMaxEur: f.ticket_max_eur,
    geographies: f.geographies,
    text: text(f.manager, f.thesis),
    sectors: f.sectors,
    therapeuticAreas: f.therapeutic_areas,
    modalities: f.modalities,
  };
}

export function offerInput(o: OfferRow): OfferInput {
  return {
    id: o.id,
    researchCentreId: o.research_centre_id,
    trl: o.trl,
    collaborationTypes: o.collaboration_types,
    text: text(o.title, o.description),
    sectors: o.sectors,
    therapeuticAreas: o.therapeutic_areas,
    modalities: o.modalities,
  };
}

/** The texts ScoringCorpus fits its statistics on. */
export function corpusTexts(companies: readonly CompanyInput[], funds: readonly FundInput[], offers: readonly OfferInput[]): string[] {
  return [...companies.map((c) => `${c.technologyNeeds ?? ''}\n${c.text}`), ...funds.map((f) => f.text), ...offers.map((o) => o.text)];
}
