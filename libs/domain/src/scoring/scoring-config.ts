import type { FieldViolation } from '../errors/app-error';

export interface VcWeights {
  /** Fund side: how well the company fits the thesis. */
  thesisAreas: number;
  stage: number;
  ticket: number;
  maturity: number;
  text: number;
  /** Company side: how well the fund suits the company. */
  wantsInvestment: number;
  fundCoversCompany: number;
  ticketForCompany: number;
}

export interface TtWeights {
  /** Centre side: the company can use and absorb the technology. */
  companyAreas: number;
  absorption: number;
  collaboration: number;
  /** Company side: the technology answers the company's needs. */
  offerAreas: number;
  needsText: number;
  wantsTechnology: number;
}

/**
 * Versioned scoring weights. Staff change them through the API; every change is a new version and triggers a
 * full rescore. Weights are relative within each side (0 switches a factor off).
 */
export interface ScoringConfig {
  version: number;
  venture_capital: VcWeights;
  tech_transfer: TtWeights;
  /** Pairs under this score (0–100) are not kept. */
  minScore: number;
  /** At most this many matches per organisation and area. */
  maxPerOrganisation: number;
  /** A company this many stages outside a fund's stages is still scored (with a penalty); further is excluded. */
  stageTolerance: number;
  /** Funding sought more than this factor outside the ticket range excludes the pair. */
  ticketToleranceFactor: number;
}

export const DEFAULT_SCORING_CONFIG: ScoringConfig = {
  version: 1,
  venture_capital: { thesisAreas: 3, stage: 2, ticket: 2, maturity: 1, text: 2, wantsInvestment: 2, fundCoversCompany: 2, ticketForCompany: 1 },
  tech_transfer: { companyAreas: 2, absorption: 1.5, collaboration: 2, offerAreas: 3, needsText: 2.5, wantsTechnology: 1.5 },
  minScore: 40,
  maxPerOrganisation: 25,
  stageTolerance: 1,
  ticketToleranceFactor: 10,
};

const WEIGHT_MAX = 10;

/** Rules a staff edit of the weights must meet; violations name the field path. */
export function scoringConfigViolations(config: Omit<ScoringConfig, 'version'>): FieldViolation[] {
  const violations: FieldViolation[] = [];
  for (const area of ['venture_capital', 'tech_transfer'] as const) {
    const weights = config[area] as unknown as Record<string, number>;
    const values = Object.entries(weights);
    for (const [name, value] of values) {
      if (!Number.isFinite(value) || value < 0 || value > WEIGHT_MAX) {
        violations.push({ field: `${area}.${name}`, rule: 'range', message: `${area}.${name} must be between 0 and ${WEIGHT_MAX}` });
      }
    }
    if (values.every(([, value]) => value === 0)) {
      violations.push({ field: area, rule: 'nonZero', message: `${area} needs at least one weight above 0` });
    }
  }
  if (!(config.minScore >= 0 && config.minScore <= 100)) violations.push({ field: 'minScore', rule: 'range', message: 'minScore must be between 0 and 100' });
  if (!(Number.isInteger(config.maxPerOrganisation) && config.maxPerOrganisation >= 1 && config.maxPerOrganisation <= 1000)) {
    violations.push({ field: 'maxPerOrganisation', rule: 'range', message: 'maxPerOrganisation must be an integer between 1 and 1000' });
  }
  if (!(Number.isInteger(config.stageTolerance) && config.stageTolerance >= 0 && config.stageTolerance <= 5)) {
    violations.push({ field: 'stageTolerance', rule: 'range', message: 'stageTolerance must be an integer between 0 and 5' });
  }
  if (!(config.ticketToleranceFactor >= 1 && config.ticketToleranceFactor <= 1000)) {
    violations.push({ field: 'ticketToleranceFactor', rule: 'range', message: 'ticketToleranceFactor must be between 1 and 1000' });
  }
  return violations;
}
