import type { TestContext } from './test-app';

/** How many profiles of each kind a population holds. */
export interface PopulationSize {
  companies: number;
  funds: number;
  centres: number;
  offersPerCentre: number;
}

const AREAS = ['oncology', 'cardiology', 'neurology', 'immunology', 'rare_diseases', 'respiratory'];
const MODALITIES = ['car_t', 'cell_therapy', 'small_molecule', 'monoclonal_antibody', 'medical_device', 'diagnostic_assay', 'mrna'];
const SECTORS = ['biotech', 'medtech', 'pharma', 'diagnostics', 'digital_health'];
const STAGES = ['pre_seed', 'seed', 'series_a', 'series_b'];
const WORDS = ['therapy', 'tumour', 'cuore', 'sensore', 'anticorpo', 'platform', 'diagnosi', 'cellule', 'immune', 'respiro'];

/** SQL choosing one of `list` by the integer expression `expr`. */
export function pick(list: readonly string[], expr: string): string {
  return `(ARRAY[${list.map((v) => `'${v}'`).join(',')}])[1 + (${expr}) % ${list.length}]`;
}

export const POPULATION_TAGS = { areas: AREAS, modalities: MODALITIES, sectors: SECTORS, stages: STAGES } as const;

/** The fixed id of the g-th profile of a kind (1 company, 2 fund, 3 research centre, 4 technology offer), as SQL. */
const uuid = (kind: number, g = 'g') => `('00000000-0000-4000-8${kind}00-' || lpad(to_hex(${g}), 12, '0'))::uuid`;

/**
 * A deterministic population of companies, funds, research centres and their offers, written with bulk SQL (a few
 * seconds for thousands of profiles, where the api would take minutes). The capture triggers add an outbox row
 * for each profile, as any write does: drop them when no per-profile job is wanted.
 */
export async function populate(ctx: TestContext, size: PopulationSize): Promise<void> {
  const q = (sql: string) => ctx.dataSource.query(sql);
  await q(`INSERT INTO organisations (id, type, visibility_consent_at) SELECT ${uuid(1)}, 'company', now() FROM generate_series(1, ${size.companies}) g`);
  await q(
    `INSERT INTO companies (id, name, kind, country, stage, trl, funding_sought_eur, looking_for, pitch, sectors, therapeutic_areas, modalities, technology_needs)
     SELECT ${uuid(1)}, 'Company ' || g, 'startup', CASE WHEN g % 7 = 0 THEN 'CH' ELSE 'IT' END, ${pick(STAGES, 'g')}, 1 + g % 9,
            (250000 * (1 + g % 20))::bigint,
            CASE WHEN g % 3 = 0 THEN ARRAY['investment', 'licensing_in'] WHEN g % 3 = 1 THEN ARRAY['investment'] ELSE ARRAY['rd_partnership'] END,
            ${pick(WORDS, 'g')} || ' ' || ${pick(WORDS, 'g / 3')} || ' ' || ${pick(WORDS, 'g / 7')},
            ARRAY[${pick(SECTORS, 'g')}], ARRAY[${pick(AREAS, 'g / 2')}], ARRAY[${pick(MODALITIES, 'g / 5')}],
            ${pick(WORDS, 'g / 11')} || ' ' || ${pick(WORDS, 'g / 13')}
       FROM generate_series(1, ${size.companies}) g`,
  );
  await q(`INSERT INTO organisations (id, type, visibility_consent_at) SELECT ${uuid(2)}, 'fund', now() FROM generate_series(1, ${size.funds}) g`);
  await q(
    `INSERT INTO funds (id, name, country, thesis, stages, ticket_min_eur, ticket_max_eur, geographies, sectors, therapeutic_areas, modalities, active)
     SELECT ${uuid(2)}, 'Fund ' || g, 'IT', ${pick(WORDS, 'g')} || ' ' || ${pick(WORDS, 'g / 2')},
            ARRAY[${pick(STAGES, 'g')}, ${pick(STAGES, 'g + 1')}], 200000 * (1 + g % 5), 2000000 * (1 + g % 5),
            CASE WHEN g % 4 = 0 THEN ARRAY['IT'] ELSE ARRAY['EU'] END,
            ARRAY[${pick(SECTORS, 'g / 2')}], ARRAY[${pick(AREAS, 'g')}], ARRAY[${pick(MODALITIES, 'g / 3')}], g % 10 <> 0
       FROM generate_series(1, ${size.funds}) g`,
  );
  await q(`INSERT INTO organisations (id, type, visibility_consent_at) SELECT ${uuid(3)}, 'research_centre', now() FROM generate_series(1, ${size.centres}) g`);
  await q(`INSERT INTO research_centres (id, name, kind, country) SELECT ${uuid(3)}, 'Centre ' || g, 'irccs', 'IT' FROM generate_series(1, ${size.centres}) g`);
  await q(
    `INSERT INTO technology_offers (id, research_centre_id, title, description, trl, collaboration_types, sectors, therapeutic_areas, modalities)
     SELECT ${uuid(4)}, ${uuid(3, `1 + g % ${size.centres}`)}, 'Offer ' || g,
            ${pick(WORDS, 'g')} || ' ' || ${pick(WORDS, 'g / 5')}, 1 + g % 9,
            ARRAY[CASE WHEN g % 2 = 0 THEN 'licensing' ELSE 'co_development' END],
            ARRAY[${pick(SECTORS, 'g / 3')}], ARRAY[${pick(AREAS, 'g / 4')}], ARRAY[${pick(MODALITIES, 'g')}]
       FROM generate_series(1, ${size.centres * size.offersPerCentre}) g`,
  );
}
