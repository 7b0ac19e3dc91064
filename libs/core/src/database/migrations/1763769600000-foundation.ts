import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts, organisations and the three profile types. Enumerations are CHECK constraints rather than
 * PostgreSQL enums: adding a value is then a one-line constraint swap instead of an ALTER TYPE dance.
 */
export class Foundation1763769600000 implements MigrationInterface {
  name = 'Foundation1763769600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);

    await q.query(`
      CREATE TABLE users (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        email text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL,
        language text NOT NULL DEFAULT 'en',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_users PRIMARY KEY (id),
        CONSTRAINT uq_users_email UNIQUE (email),
        CONSTRAINT ck_users_email_lower CHECK (email = lower(email)),
        CONSTRAINT ck_users_role CHECK (role IN ('company', 'investor', 'research_centre', 'staff')),
        CONSTRAINT ck_users_language CHECK (language IN ('it', 'en'))
      )`);

    await q.query(`
      CREATE TABLE organisations (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        type text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_organisations PRIMARY KEY (id),
        CONSTRAINT ck_organisations_type CHECK (type IN ('company', 'fund', 'research_centre'))
      )`);

    await q.query(`
      CREATE TABLE memberships (
        organisation_id uuid NOT NULL,
        user_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_memberships PRIMARY KEY (organisation_id, user_id),
        CONSTRAINT fk_memberships_organisation FOREIGN KEY (organisation_id) REFERENCES organisations (id) ON DELETE CASCADE,
        CONSTRAINT fk_memberships_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
        -- One organisation per account: enforced here so concurrent sign-ups cannot race past the service check.
        CONSTRAINT uq_memberships_user UNIQUE (user_id)
      )`);

    const audit = `
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()`;
    const taxonomy = `
        sectors text[] NOT NULL DEFAULT '{}',
        therapeutic_areas text[] NOT NULL DEFAULT '{}',
        modalities text[] NOT NULL DEFAULT '{}'`;

    await q.query(`
      CREATE TABLE companies (
        id uuid NOT NULL,
        external_id text,
        name text NOT NULL,
        kind text NOT NULL,
        website text,
        country char(2) NOT NULL,
        region text,
        city text,
        founded_year integer,
        employees integer,
        pitch text,
        description text,
        ${taxonomy},
        stage text,
        trl smallint,
        funding_sought_eur bigint,
        ip_status text,
        looking_for text[] NOT NULL DEFAULT '{}',
        technology_needs text,
        ${audit},
        CONSTRAINT pk_companies PRIMARY KEY (id),
        CONSTRAINT fk_companies_organisation FOREIGN KEY (id) REFERENCES organisations (id) ON DELETE CASCADE,
        CONSTRAINT uq_companies_external_id UNIQUE (external_id),
        CONSTRAINT ck_companies_kind CHECK (kind IN ('startup', 'sme', 'corporate')),
        CONSTRAINT ck_companies_stage CHECK (stage IN ('pre_seed', 'seed', 'series_a', 'series_b', 'series_c_plus', 'growth')),
        CONSTRAINT ck_companies_trl CHECK (trl BETWEEN 1 AND 9),
        CONSTRAINT ck_companies_ip_status CHECK (ip_status IN ('none', 'filed', 'granted', 'licensed')),
        CONSTRAINT ck_companies_funding CHECK (funding_sought_eur >= 0),
        CONSTRAINT ck_companies_pitch CHECK (char_length(pitch) <= 280)
      )`);
    await q.query(`CREATE INDEX ix_companies_name ON companies (lower(name), id)`);
    await q.query(`CREATE INDEX ix_companies_sectors ON companies USING gin (sectors)`);
    await q.query(`CREATE INDEX ix_companies_therapeutic_areas ON companies USING gin (therapeutic_areas)`);
    await q.query(`CREATE INDEX ix_companies_modalities ON companies USING gin (modalities)`);

    await q.query(`
      CREATE TABLE funds (
        id uuid NOT NULL,
        external_id text,
        name text NOT NULL,
        manager text,
        website text,
        country char(2) NOT NULL,
        thesis text,
        stages text[] NOT NULL DEFAULT '{}',
        ticket_min_eur bigint,
        ticket_max_eur bigint,
        fund_size_eur bigint,
        ${taxonomy},
        geographies text[] NOT NULL DEFAULT '{}',
        lead_investor boolean NOT NULL DEFAULT false,
        active boolean NOT NULL DEFAULT true,
        ${audit},
        CONSTRAINT pk_funds PRIMARY KEY (id),
        CONSTRAINT fk_funds_organisation FOREIGN KEY (id) REFERENCES organisations (id) ON DELETE CASCADE,
        CONSTRAINT uq_funds_external_id UNIQUE (external_id),
        CONSTRAINT ck_funds_tickets CHECK (ticket_min_eur IS NULL OR ticket_max_eur IS NULL OR ticket_min_eur <= ticket_max_eur),
        CONSTRAINT ck_funds_amounts CHECK (ticket_min_eur >= 0 AND ticket_max_eur >= 0 AND fund_size_eur >= 0)
      )`);
    await q.query(`CREATE INDEX ix_funds_name ON funds (lower(name), id)`);
    await q.query(`CREATE INDEX ix_funds_sectors ON funds USING gin (sectors)`);
    await q.query(`CREATE INDEX ix_funds_stages ON funds USING gin (stages)`);

    await q.query(`
      CREATE TABLE research_centres (
        id uuid NOT NULL,
        external_id text,
        name text NOT NULL,
        kind text NOT NULL,
        country char(2) NOT NULL,
        region text,
        city text,
        website text,
        description text,
        ${taxonomy},
        ${audit},
        CONSTRAINT pk_research_centres PRIMARY KEY (id),
        CONSTRAINT fk_research_centres_organisation FOREIGN KEY (id) REFERENCES organisations (id) ON DELETE CASCADE,
        CONSTRAINT uq_research_centres_external_id UNIQUE (external_id),
        CONSTRAINT ck_research_centres_kind CHECK (kind IN ('irccs', 'university', 'research_institute', 'hospital', 'tech_transfer_office'))
      )`);
    await q.query(`CREATE INDEX ix_research_centres_name ON research_centres (lower(name), id)`);

    await q.query(`
      CREATE TABLE technology_offers (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        research_centre_id uuid NOT NULL,
        external_id text,
        title text NOT NULL,
        description text,
        ${taxonomy},
        trl smallint,
        ip_status text,
        collaboration_types text[] NOT NULL DEFAULT '{}',
        ${audit},
        CONSTRAINT pk_technology_offers PRIMARY KEY (id),
        CONSTRAINT fk_technology_offers_research_centre FOREIGN KEY (research_centre_id) REFERENCES research_centres (id) ON DELETE CASCADE,
        CONSTRAINT uq_technology_offers_external_id UNIQUE (research_centre_id, external_id),
        CONSTRAINT ck_technology_offers_trl CHECK (trl BETWEEN 1 AND 9),
        CONSTRAINT ck_technology_offers_ip_status CHECK (ip_status IN ('none', 'filed', 'granted', 'licensed'))
      )`);
    await q.query(`CREATE INDEX ix_technology_offers_centre ON technology_offers (research_centre_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['technology_offers', 'research_centres', 'funds', 'companies', 'memberships', 'organisations', 'users']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
