/** Value sets of the public API contract (issue #2); kept as const tuples so DTOs and CSV import share them. */
export const ROLES = ['company', 'investor', 'research_centre', 'staff'] as const;
export type Role = (typeof ROLES)[number];
/** Roles a person may pick at sign-up; staff accounts are created from the command line only. */
export const SELF_SERVICE_ROLES = ['company', 'investor', 'research_centre'] as const;

export const ORGANISATION_TYPES = ['company', 'fund', 'research_centre'] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

/** Which organisation type each role may create and belong to. */
export const ROLE_ORGANISATION_TYPE: Record<Exclude<Role, 'staff'>, OrganisationType> = {
  company: 'company',
  investor: 'fund',
  research_centre: 'research_centre',
};

export const COMPANY_KINDS = ['startup', 'sme', 'corporate'] as const;
export type CompanyKind = (typeof COMPANY_KINDS)[number];

export const STAGES = ['pre_seed', 'seed', 'series_a', 'series_b', 'series_c_plus', 'growth'] as const;
export type Stage = (typeof STAGES)[number];

export const IP_STATUSES = ['none', 'filed', 'granted', 'licensed'] as const;
export type IpStatus = (typeof IP_STATUSES)[number];

export const LOOKING_FOR = ['investment', 'licensing_in', 'rd_partnership'] as const;
export type LookingFor = (typeof LOOKING_FOR)[number];

export const RESEARCH_CENTRE_KINDS = ['irccs', 'university', 'research_institute', 'hospital', 'tech_transfer_office'] as const;
export type ResearchCentreKind = (typeof RESEARCH_CENTRE_KINDS)[number];

export const COLLABORATION_TYPES = ['licensing', 'co_development', 'sponsored_research', 'spin_off'] as const;
export type CollaborationType = (typeof COLLABORATION_TYPES)[number];

/** Fund geographies: ISO country codes plus these two regions. */
export const GEOGRAPHY_REGIONS = ['EU', 'WORLD'] as const;
