/**
 * Inputs and helpers shared by the scoring specs: profiles with defaults, and the fitting, compiling and scoring of
 * pairs. Pure and free of any test framework, so the specs keep their own assertions.
 */
import type { FactorDefinition } from './combine-sides';
import { DEFAULT_SCORING_CONFIG, type ScoringConfig } from './scoring-config';
import { ScoringSpace } from './scoring-space';
import type { CompanyInput, FundInput, MatchExplanation, OfferInput } from './scoring.types';
import { TtScorer } from './tt-scorer';
import { VcScorer } from './vc-scorer';

// ---------------------------------------------------------------------------------------------------------------
// Profiles

/** A factory of T: the given defaults, with the fields of `overrides` in their place. */
export type Factory<T> = (overrides?: Partial<T>) => T;

export function factory<T extends object>(defaults: T): Factory<T> {
  return (overrides = {}) => ({ ...defaults, ...overrides });
}

/** A seed-stage startup developing CAR-T therapies for blood cancers, raising investment and needing no technology. */
export const CAR_T_STARTUP: CompanyInput = {
  id: 'company-1',
  kind: 'startup',
  country: 'IT',
  stage: 'seed',
  trl: 4,
  fundingSoughtEur: 1_500_000,
  lookingFor: ['investment'],
  text: 'We develop CAR-T cell therapies for leukaemia and lymphoma with a proprietary manufacturing platform',
  technologyNeeds: null,
  sectors: ['biotech'],
  therapeuticAreas: ['haematology'],
  modalities: ['car_t'],
};

/** A seed fund in the CAR-T startup's very field, with a 1M–2M ticket, investing in the EU. */
export const CAR_T_SEED_FUND: FundInput = {
  id: 'fund-1',
  active: true,
  stages: ['seed'],
  ticketMinEur: 1_000_000,
  ticketMaxEur: 2_000_000,
  geographies: ['EU'],
  text: 'Early-stage fund investing in cell therapy, CAR-T and therapies for blood cancers',
  sectors: ['biotech'],
  therapeuticAreas: ['haematology'],
  modalities: ['car_t'],
};

/** The CAR-T startup at TRL 5, raising 1M and needing a manufacturing process for viral vectors. */
export const VECTOR_NEEDING_STARTUP: CompanyInput = {
  ...CAR_T_STARTUP,
  trl: 5,
  fundingSoughtEur: 1_000_000,
  text: 'We develop CAR-T cell therapies for leukaemia',
  technologyNeeds: 'A manufacturing process for viral vectors',
};

/** A seed-to-series-A fund for cell and gene therapy in oncology, with a 500k–5M ticket, investing in the EU. */
export const GENE_THERAPY_FUND: FundInput = {
  ...CAR_T_SEED_FUND,
  stages: ['seed', 'series_a'],
  ticketMinEur: 500_000,
  ticketMaxEur: 5_000_000,
  text: 'We invest in cell therapy and gene therapy',
  therapeuticAreas: ['oncology'],
  modalities: ['cell_therapy'],
};

/** A seed-stage startup making imaging software for pulmonology, licensing in a lung MRI reader. */
export const LUNG_IMAGING_STARTUP: CompanyInput = {
  id: 'company-1',
  kind: 'startup',
  country: 'IT',
  stage: 'seed',
  trl: 6,
  fundingSoughtEur: 1_000_000,
  lookingFor: ['licensing_in'],
  text: 'Startup building imaging software for pulmonology clinics',
  technologyNeeds: 'We need a machine learning algorithm that reads lung MRI scans',
  sectors: ['digital_health'],
  therapeuticAreas: ['respiratory'],
  modalities: ['software_ai', 'imaging'],
};

/** A TRL 5 machine-learning reader of lung MRI scans, offered for licensing: what the imaging startup needs. */
export const LUNG_MRI_OFFER: OfferInput = {
  id: 'offer-1',
  researchCentreId: 'centre-1',
  trl: 5,
  collaborationTypes: ['licensing'],
  text: 'Machine learning algorithm for the automatic reading of lung MRI scans',
  sectors: ['digital_health'],
  therapeuticAreas: ['respiratory'],
  modalities: ['software_ai'],
};

/** A TRL 4 manufacturing process for viral vectors, offered for licensing: what the vector-needing startup needs. */
export const VIRAL_VECTOR_OFFER: OfferInput = {
  ...LUNG_MRI_OFFER,
  trl: 4,
  text: 'A closed manufacturing process for viral vectors',
  sectors: ['biotech'],
  therapeuticAreas: [],
  modalities: ['gene_therapy'],
};

// ---------------------------------------------------------------------------------------------------------------
// Scoring pairs

export interface Scored {
  score: number;
  explanation: MatchExplanation;
}

/** A way to score pairs of profiles, and the shorthands the specs use it through. */
export interface PairScoring<L, R> {
  /** Fits one space on the texts of all pairs, then scores and explains each pair with one scorer. */
  scoreAll(pairs: ReadonlyArray<readonly [L, R]>, config?: ScoringConfig): Scored[];
  scoreOf(left: L, right: R, config?: ScoringConfig): Scored;
  scores(pairs: ReadonlyArray<readonly [L, R]>, config?: ScoringConfig): number[];
}

function pairScoring<L, R>(scoreAll: PairScoring<L, R>['scoreAll']): PairScoring<L, R> {
  return {
    scoreAll,
    scoreOf: (left, right, config) => scoreAll([[left, right]], config)[0],
    scores: (pairs, config) => scoreAll(pairs, config).map((s) => s.score),
  };
}

interface PairScorer<A, B> {
  score(a: A, b: B): number;
  explain(a: A, b: B): MatchExplanation;
}

function scored<A, B>(scorer: PairScorer<A, B>, a: A, b: B): Scored {
  return { score: scorer.score(a, b), explanation: scorer.explain(a, b) };
}

/** Venture capital: (company, fund) pairs through VcScorer, in a space fitted on `background` and the pairs' texts. */
export function vcScoring(background: readonly string[]): PairScoring<CompanyInput, FundInput> {
  return pairScoring((pairs, config = DEFAULT_SCORING_CONFIG) => {
    const space = new ScoringSpace().fit([...background, ...pairs.flatMap(([c, f]) => [c.text, f.text])]);
    const scorer = new VcScorer(space, config);
    return pairs.map(([c, f]) => scored(scorer, space.company(c), space.fund(f)));
  });
}

/**
 * Tech transfer: (offer, company) pairs through TtScorer, in a space fitted on `background` and the pairs' texts
 * (a company's technology needs with its description among them).
 */
export function ttScoring(background: readonly string[]): PairScoring<OfferInput, CompanyInput> {
  return pairScoring((pairs, config = DEFAULT_SCORING_CONFIG) => {
    const texts = pairs.flatMap(([o, c]) => [o.text, c.text, `${c.technologyNeeds ?? ''}\n${c.text}`]);
    const space = new ScoringSpace().fit([...background, ...texts]);
    const scorer = new TtScorer(space, config);
    return pairs.map(([o, c]) => scored(scorer, space.offer(o), space.company(c)));
  });
}

/** The points `factor` contributes to a match; throws for an excluded pair or a factor the explanation lacks. */
export function contribution(explanation: MatchExplanation, factor: string): number {
  if (explanation.excluded) throw new Error('excluded');
  const reason = explanation.reasons.find((r) => r.factor === factor);
  if (!reason) throw new Error(`no reason ${factor}`);
  return reason.contribution;
}

// ---------------------------------------------------------------------------------------------------------------
// Invariants, as lists of what breaks them (empty when they hold), for the specs' property tests

/**
 * How a score and its explanation disagree: the score is 0 exactly when the pair is excluded, and for a pair that
 * is not, equals the explained score within 0.05, with reasons that name each of `factors` once and add up to the
 * explained score within 0.2.
 */
export function explanationViolations({ score, explanation }: Scored, factors: readonly FactorDefinition[]): string[] {
  const violations: string[] = [];
  if ((score === 0) !== explanation.excluded) violations.push(`score ${score} but excluded ${explanation.excluded}`);
  if (explanation.excluded) return violations;
  if (!(Math.abs(score - explanation.score) <= 0.05)) violations.push(`score ${score} is not the explained ${explanation.score} within 0.05`);
  const named = explanation.reasons.map((r) => r.factor).sort();
  const expected = factors.map((f) => f.factor).sort();
  if (named.join() !== expected.join()) violations.push(`reasons name ${named.join()}, not ${expected.join()}`);
  const sum = explanation.reasons.reduce((s, r) => s + r.contribution, 0);
  if (!(Math.abs(sum - explanation.score) <= 0.2)) violations.push(`reasons add up to ${sum}, not the explained ${explanation.score} within 0.2`);
  return violations;
}

/**
 * How a score breaks the bounds it keeps for any input and config: the score and the explained score are finite
 * and within [0, 100]; for a pair that is not excluded, the score is the explained one within 0.05 and every
 * contribution is finite and not negative.
 */
export function boundsViolations({ score, explanation }: Scored): string[] {
  const violations: string[] = [];
  const inBounds = (value: number) => Number.isFinite(value) && value >= 0 && value <= 100;
  if (!inBounds(score)) violations.push(`score ${score} is not finite within [0, 100]`);
  if (!inBounds(explanation.score)) violations.push(`explained score ${explanation.score} is not finite within [0, 100]`);
  if (explanation.excluded) return violations;
  if (!(Math.abs(score - explanation.score) <= 0.05)) violations.push(`score ${score} is not the explained ${explanation.score} within 0.05`);
  for (const r of explanation.reasons) {
    if (!(Number.isFinite(r.contribution) && r.contribution >= 0)) violations.push(`${r.factor} contributes ${r.contribution}`);
  }
  return violations;
}
