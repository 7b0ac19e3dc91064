import { EU_MEMBER_CODES } from '../geo/countries';
import { LOOKING_FOR, STAGES, type CollaborationType, type CompanyKind, type LookingFor } from '../profile/profile.enums';
import { searchSynonyms } from '../search/search-synonyms';
import { taxonomy } from '../taxonomy/taxonomy';
import type { CompanyInput, FundInput, OfferInput } from './scoring.types';
import { TaxonomySimilarity, type CompiledCodes } from './taxonomy-similarity';
import { TextVectorizer, type SparseVector } from './text-vectorizer';

export interface CompiledCompany {
  id: string;
  kind: CompanyKind;
  /** Index in STAGES, -1 when unknown. */
  stage: number;
  /** 0 when unknown. */
  trl: number;
  /** log10 of the funding sought, NaN when unknown. */
  logFunding: number;
  country: string;
  inEu: boolean;
  /** Bit i set when the company looks for LOOKING_FOR[i]. */
  lookingFor: number;
  /** How many TRL levels below its own the company can take in (larger companies absorb earlier technology). */
  absorptionGap: number;
  codes: CompiledCodes;
  /** Pitch and description. */
  text: SparseVector;
  /** Technology needs, pitch and description: what the company would take in. */
  needs: SparseVector;
}

export interface CompiledFund {
  id: string;
  active: boolean;
  /** Bit i set when the fund invests at STAGES[i]; 0 = any stage. */
  stageMask: number;
  /** Steps from each stage (by STAGES index) to the nearest of the fund's stages; empty when the fund states none. */
  stageDistance: Int8Array;
  /** TRL expected at the fund's earliest stage, 0 when the fund states no stage. */
  expectedTrl: number;
  logTicketMin: number;
  logTicketMax: number;
  anywhere: boolean;
  eu: boolean;
  countries: ReadonlySet<string>;
  codes: CompiledCodes;
  text: SparseVector;
}

export interface CompiledOffer {
  id: string;
  researchCentreId: string;
  trl: number;
  /** Bits of the LOOKING_FOR values the offer's collaboration types answer. */
  answers: number;
  collaborationTypes: ReadonlySet<CollaborationType>;
  codes: CompiledCodes;
  text: SparseVector;
}

/** How many TRL levels below its own a company of each kind can take in. */
export const ABSORPTION_GAP: Record<CompanyKind, number> = { startup: 2, sme: 3, corporate: 5 };

/** The technology maturity a fund typically expects of a company at each stage. */
const EXPECTED_TRL_AT_STAGE = [3, 4, 6, 7, 8, 9];

/** What each collaboration type offers, in the terms a company says it looks for. */
export const COLLABORATION_ANSWERS: Record<CollaborationType, LookingFor> = {
  licensing: 'licensing_in',
  co_development: 'rd_partnership',
  sponsored_research: 'rd_partnership',
  spin_off: 'investment',
};

export function lookingForMask(values: Iterable<LookingFor>): number {
  let mask = 0;
  for (const value of values) mask |= 1 << LOOKING_FOR.indexOf(value);
  return mask;
}

const log10OrNaN = (value: number | null): number => (value !== null && value > 0 ? Math.log10(value) : NaN);

/**
 * Everything scoring precomputes once per run: hierarchy similarity, the text vocabulary and its document
 * frequencies (fitted on every profile text), and each profile compiled to flat fields the kernel reads.
 */
export class ScoringSpace {
  readonly taxonomy = new TaxonomySimilarity(taxonomy);
  private readonly vectorizer = new TextVectorizer(searchSynonyms, taxonomy);

  /** Fits the text statistics on the corpus; call before compiling. */
  fit(texts: Iterable<string>): this {
    this.vectorizer.fit(texts);
    return this;
  }

  company(input: CompanyInput): CompiledCompany {
    return {
      id: input.id,
      kind: input.kind,
      stage: input.stage ? STAGES.indexOf(input.stage) : -1,
      trl: input.trl ?? 0,
      logFunding: log10OrNaN(input.fundingSoughtEur),
      country: input.country,
      inEu: EU_MEMBER_CODES.has(input.country),
      lookingFor: lookingForMask(input.lookingFor),
      absorptionGap: ABSORPTION_GAP[input.kind],
      codes: this.taxonomy.compile(input),
      text: this.vectorizer.vector(input.text),
      needs: this.vectorizer.vector(`${input.technologyNeeds ?? ''}\n${input.text}`),
    };
  }

  fund(input: FundInput): CompiledFund {
    let stageMask = 0;
    for (const stage of input.stages) stageMask |= 1 << STAGES.indexOf(stage);
    const earliest = input.stages.length > 0 ? Math.min(...input.stages.map((s) => STAGES.indexOf(s))) : -1;
    const geographies = new Set(input.geographies);
    const stageDistance = new Int8Array(stageMask === 0 ? 0 : STAGES.length);
    for (let s = 0; s < stageDistance.length; s++) {
      let best: number = STAGES.length;
      for (let t = 0; t < STAGES.length; t++) if (stageMask & (1 << t)) best = Math.min(best, Math.abs(s - t));
      stageDistance[s] = best;
    }
    return {
      id: input.id,
      active: input.active,
      stageMask,
      stageDistance,
      expectedTrl: earliest >= 0 ? EXPECTED_TRL_AT_STAGE[earliest] : 0,
      logTicketMin: log10OrNaN(input.ticketMinEur),
      logTicketMax: log10OrNaN(input.ticketMaxEur),
      anywhere: geographies.size === 0 || geographies.has('WORLD'),
      eu: geographies.has('EU'),
      countries: geographies,
      codes: this.taxonomy.compile(input),
      text: this.vectorizer.vector(input.text),
    };
  }

  offer(input: OfferInput): CompiledOffer {
    return {
      id: input.id,
      researchCentreId: input.researchCentreId,
      trl: input.trl ?? 0,
      answers: lookingForMask(input.collaborationTypes.map((type) => COLLABORATION_ANSWERS[type])),
      collaborationTypes: new Set(input.collaborationTypes),
      codes: this.taxonomy.compile(input),
      text: this.vectorizer.vector(input.text),
    };
  }
}
