import { LOOKING_FOR } from '../profile/profile.enums';
import { combineSides, explainSides, type FactorDefinition } from './combine-sides';
import type { ScoringConfig } from './scoring-config';
import type { CompiledCompany, CompiledFund, ScoringSpace } from './scoring-space';
import type { Exclusion, MatchExplanation } from './scoring.types';
import { DenseDot } from './text-vectorizer';

/** Fund side (0): does the company fit the thesis? Company side (1): does the fund suit the company? */
export const VC_FACTORS: readonly FactorDefinition[] = [
  { factor: 'thesis_areas', label: "Fits the fund's sectors, therapeutic areas and modalities", side: 0 },
  { factor: 'stage', label: "Stage fits the fund's stages", side: 0 },
  { factor: 'ticket', label: "Funding sought fits the fund's ticket range", side: 0 },
  { factor: 'maturity', label: 'Technology maturity (TRL) fits the stage', side: 0 },
  { factor: 'text', label: "Description matches the fund's thesis", side: 0 },
  { factor: 'wants_investment', label: 'Company is raising investment', side: 1 },
  { factor: 'fund_focus', label: "Fund specialises in the company's field", side: 1 },
  { factor: 'ticket_size', label: 'Ticket can cover the funding sought', side: 1 },
];

const EXCLUSIONS = {
  inactive: { rule: 'fund_inactive', label: 'The fund is not investing' },
  stage: { rule: 'stage_outside', label: "The company's stage is outside the fund's stages" },
  ticket: { rule: 'ticket_outside', label: "The funding sought is far outside the fund's ticket range" },
  geography: { rule: 'geography_outside', label: "The company's country is outside the fund's geographies" },
} satisfies Record<string, Exclusion>;

/** Neutral value of a factor nothing can be said about (unknown stage, no ticket range...). */
const UNKNOWN = 0.5;
/** Cosines of short profile texts are small: this cosine counts as a perfect textual match. */
const TEXT_SATURATION = 0.35;

/** Steps between the company's stage and the fund's nearest stage; -1 when either is unknown. */
function stageDistance(company: CompiledCompany, fund: CompiledFund): number {
  return company.stage < 0 || fund.stageDistance.length === 0 ? -1 : fund.stageDistance[company.stage];
}

const INVESTMENT = 1 << LOOKING_FOR.indexOf('investment');

/** How many decades the funding sought lies outside [min, max]; 0 inside, -1 when unknown. */
function ticketDecadesOutside(logFunding: number, logMin: number, logMax: number): number {
  if (Number.isNaN(logFunding) || (Number.isNaN(logMin) && Number.isNaN(logMax))) return -1;
  if (!Number.isNaN(logMin) && logFunding < logMin) return logMin - logFunding;
  if (!Number.isNaN(logMax) && logFunding > logMax) return logFunding - logMax;
  return 0;
}

/**
 * Company ↔ fund. `score` is the allocation-free kernel; `explain` gives the same number with its reasons, or
 * the hard rules that exclude the pair.
 */
export class VcScorer {
  private readonly weights: Float64Array;
  /** Scoring runs one profile against many: keep its text vector scattered. */
  private readonly texts = new DenseDot();
  private readonly sides = Uint8Array.from(VC_FACTORS.map((f) => f.side));
  private readonly values = new Float64Array(VC_FACTORS.length);
  private readonly logTolerance: number;

  constructor(
    private readonly space: ScoringSpace,
    private readonly config: ScoringConfig,
  ) {
    const w = config.venture_capital;
    this.weights = Float64Array.from([w.thesisAreas, w.stage, w.ticket, w.maturity, w.text, w.wantsInvestment, w.fundCoversCompany, w.ticketForCompany]);
    this.logTolerance = Math.log10(config.ticketToleranceFactor);
  }

  /** 0–100, or 0 when a hard rule excludes the pair. */
  score(company: CompiledCompany, fund: CompiledFund): number {
    if (this.exclusionMask(company, fund) !== 0) return 0;
    this.factors(company, fund, this.values);
    return combineSides(this.weights, this.values, this.sides);
  }

  explain(company: CompiledCompany, fund: CompiledFund): MatchExplanation {
    const mask = this.exclusionMask(company, fund);
    if (mask !== 0) {
      const all = [EXCLUSIONS.inactive, EXCLUSIONS.stage, EXCLUSIONS.ticket, EXCLUSIONS.geography];
      return { excluded: true, score: 0, exclusions: all.filter((_, bit) => mask & (1 << bit)) };
    }
    const values = new Float64Array(VC_FACTORS.length);
    this.factors(company, fund, values);
    const score = combineSides(this.weights, values, this.sides);
    return { excluded: false, score: Math.round(score * 10) / 10, reasons: explainSides(VC_FACTORS, this.weights, values, score) };
  }

  /** Bits: 1 inactive, 2 stage, 4 ticket, 8 geography. */
  private exclusionMask(c: CompiledCompany, f: CompiledFund): number {
    let mask = 0;
    if (!f.active) mask |= 1;
    if (stageDistance(c, f) > this.config.stageTolerance) mask |= 2;
    if (ticketDecadesOutside(c.logFunding, f.logTicketMin, f.logTicketMax) > this.logTolerance) mask |= 4;
    if (!f.anywhere && !f.countries.has(c.country) && !(f.eu && c.inEu)) mask |= 8;
    return mask;
  }

  private factors(c: CompiledCompany, f: CompiledFund, out: Float64Array): void {
    const taxonomy = this.space.taxonomy;
    out[0] = taxonomy.meanCoverage(c.codes, f.codes, UNKNOWN);
    const distance = stageDistance(c, f);
    out[1] = distance < 0 ? UNKNOWN : Math.max(0, 1 - distance / (this.config.stageTolerance + 1));
    const outside = ticketDecadesOutside(c.logFunding, f.logTicketMin, f.logTicketMax);
    out[2] = outside < 0 ? UNKNOWN : Math.max(0, 1 - outside / Math.max(this.logTolerance, 0.01));
    out[3] = c.trl === 0 || f.expectedTrl === 0 ? UNKNOWN : c.trl >= f.expectedTrl ? 1 : Math.max(0, 1 - (f.expectedTrl - c.trl) / 6);
    out[4] = Math.min(1, this.texts.dot(f.text, c.text) / TEXT_SATURATION);
    out[5] = c.lookingFor === 0 ? 0.6 : c.lookingFor & INVESTMENT ? 1 : 0.2;
    out[6] = taxonomy.meanCoverage(f.codes, c.codes, UNKNOWN);
    out[7] = Number.isNaN(c.logFunding) || Number.isNaN(f.logTicketMax) ? UNKNOWN : c.logFunding <= f.logTicketMax ? 1 : Math.max(0, 1 - (c.logFunding - f.logTicketMax));
  }
}
