import { LOOKING_FOR } from '../profile/profile.enums';
import { combineSides, explainSides, type FactorDefinition } from './combine-sides';
import type { ScoringConfig } from './scoring-config';
import type { CompiledCompany, CompiledOffer, ScoringSpace } from './scoring-space';
import type { Exclusion, MatchExplanation } from './scoring.types';
import { DenseDot } from './text-vectorizer';

/** Centre side (0): can the company use the technology? Company side (1): does it answer the company's needs? */
export const TT_FACTORS: readonly FactorDefinition[] = [
  { factor: 'company_areas', label: "The company works in the technology's field", side: 0 },
  { factor: 'absorption', label: 'The company can absorb the technology at its maturity (TRL)', side: 0 },
  { factor: 'collaboration', label: 'The collaboration offered is what the company looks for', side: 0 },
  { factor: 'offer_areas', label: "The technology fits the company's sectors, areas and modalities", side: 1 },
  { factor: 'needs_text', label: "The technology matches the company's needs and description", side: 1 },
  { factor: 'wants_technology', label: 'The company is looking for technologies or R&D partners', side: 1 },
];

const NOT_LOOKING: Exclusion = { rule: 'not_looking_for_technology', label: 'The company is not looking for technologies or R&D partners' };

const TECHNOLOGY = (1 << LOOKING_FOR.indexOf('licensing_in')) | (1 << LOOKING_FOR.indexOf('rd_partnership'));

const UNKNOWN = 0.5;
const TEXT_SATURATION = 0.3;

function wantsTechnology(lookingFor: number): boolean {
  return (lookingFor & TECHNOLOGY) !== 0;
}

/** A research centre's technology offer ↔ a company. */
export class TtScorer {
  private readonly weights: Float64Array;
  /** Scoring runs one profile against many: keep its text vector scattered. */
  private readonly texts = new DenseDot();
  private readonly sides = Uint8Array.from(TT_FACTORS.map((f) => f.side));
  private readonly values = new Float64Array(TT_FACTORS.length);

  constructor(
    private readonly space: ScoringSpace,
    config: ScoringConfig,
  ) {
    const w = config.tech_transfer;
    this.weights = Float64Array.from([w.companyAreas, w.absorption, w.collaboration, w.offerAreas, w.needsText, w.wantsTechnology]);
  }

  score(offer: CompiledOffer, company: CompiledCompany): number {
    if (this.excluded(company)) return 0;
    this.factors(offer, company, this.values);
    return combineSides(this.weights, this.values, this.sides);
  }

  explain(offer: CompiledOffer, company: CompiledCompany): MatchExplanation {
    if (this.excluded(company)) return { excluded: true, score: 0, exclusions: [NOT_LOOKING] };
    const values = new Float64Array(TT_FACTORS.length);
    this.factors(offer, company, values);
    const score = combineSides(this.weights, values, this.sides);
    return { excluded: false, score: Math.round(score * 10) / 10, reasons: explainSides(TT_FACTORS, this.weights, values, score) };
  }

  /** A company that says what it looks for, and it is neither technology nor R&D partners, is not proposed offers. */
  private excluded(c: CompiledCompany): boolean {
    return c.lookingFor !== 0 && !wantsTechnology(c.lookingFor);
  }

  private factors(o: CompiledOffer, c: CompiledCompany, out: Float64Array): void {
    const taxonomy = this.space.taxonomy;
    out[0] = taxonomy.meanCoverage(o.codes, c.codes, UNKNOWN);
    if (o.trl === 0 || c.trl === 0) {
      out[1] = UNKNOWN;
    } else {
      const gap = c.trl - o.trl;
      const tolerated = c.absorptionGap;
      out[1] = gap <= tolerated ? 1 : Math.max(0, 1 - (gap - tolerated) / 4);
    }
    out[2] = o.answers === 0 || c.lookingFor === 0 ? UNKNOWN : o.answers & c.lookingFor ? 1 : 0.1;
    out[3] = taxonomy.meanCoverage(c.codes, o.codes, UNKNOWN);
    out[4] = Math.min(1, this.texts.dot(o.text, c.needs) / TEXT_SATURATION);
    out[5] = c.lookingFor === 0 ? UNKNOWN : wantsTechnology(c.lookingFor) ? 1 : 0;
  }
}
