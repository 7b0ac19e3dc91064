import type { DeclineReason } from '../meetings/meeting-request.rules';
import type { FactorDefinition } from './combine-sides';
import type { CompiledCompany, CompiledFund, CompiledOffer } from './scoring-space';
import type { MatchReason } from './scoring.types';

/** What a decision can be generalised to: the counterpart's stage (or TRL), its ticket size, its fields. */
export type FeedbackKind = 'stage' | 'ticket' | 'area';
export const FEEDBACK_KINDS: readonly FeedbackKind[] = ['stage', 'ticket', 'area'];

/**
 * What a decline's reason says about similar counterparts. "Timing" and "other" say nothing about them: the
 * declined pair is hidden from the decliner, but no other pair is affected.
 */
export const DECLINE_REASON_KINDS: Record<DeclineReason, readonly FeedbackKind[]> = {
  stage: ['stage'],
  ticket: ['ticket'],
  area: ['area'],
  timing: [],
  other: [],
};

/** One decision of a reviewing organisation about one counterpart, with the counterpart's features. */
export interface FeedbackSignal {
  reviewerId: string;
  /** The counterpart's features (`featuresOfCompany` and friends). */
  features: readonly string[];
  /** Declines are negative; shortlists, accepted meetings and meetings that led somewhere are positive. */
  polarity: 'negative' | 'positive';
  /** The feature kinds the signal speaks about. */
  kinds: readonly FeedbackKind[];
  weight: number;
}

/** Weights of the positive signals: a meeting that led to a follow-up says more than a shortlist. */
export const FEEDBACK_WEIGHTS = { shortlist: 1, acceptedMeeting: 1, followUp: 2 } as const;
/** Evidence needed before a feature counts: one decline against this prior moves a score by a third of the strength. */
export const FEEDBACK_PRIOR = 2;
/** The most feedback can take off a score: half of it. */
export const FEEDBACK_STRENGTH = 0.5;

/**
 * Feedback as reasons, one per deciding side: the company's own decisions, and the fund's or research centre's.
 * Each is shown only to the side whose decisions it reflects (and staff): the other side must not learn, from
 * its explanation, that it or organisations like it were declined.
 */
export const FEEDBACK_FACTORS = {
  partner: { factor: 'feedback_partner', label: 'Lowered by your decisions on similar profiles (declines, shortlists, meetings)', side: 0 },
  company: { factor: 'feedback_company', label: 'Lowered by your decisions on similar profiles (declines, shortlists, meetings)', side: 1 },
} as const satisfies Record<string, FactorDefinition>;

/** The multipliers of one pair: from the company's decisions, and from the fund's or research centre's. */
export interface FeedbackParts {
  company: number;
  partner: number;
}

interface Evidence {
  negative: number;
  positive: number;
}

const areaFeatures = (codes: CompiledCompany['codes']): string[] => codes.codes.flatMap((dimension, d) => [...dimension].map((code) => `area:${d}:${code}`));

/** A company as a fund or research centre sees it: its stage, the size of its raise, its fields. */
export function featuresOfCompany(company: CompiledCompany): string[] {
  const features = areaFeatures(company.codes);
  if (company.stage >= 0) features.push(`stage:${company.stage}`);
  if (!Number.isNaN(company.logFunding)) features.push(`ticket:${Math.floor(company.logFunding)}`);
  return features;
}

/** A fund as a company sees it: its stages, its largest ticket, its fields. */
export function featuresOfFund(fund: CompiledFund): string[] {
  const features = areaFeatures(fund.codes);
  for (let stage = 0; stage < 8; stage++) if (fund.stageMask & (1 << stage)) features.push(`stage:${stage}`);
  if (!Number.isNaN(fund.logTicketMax)) features.push(`ticket:${Math.floor(fund.logTicketMax)}`);
  return features;
}

/** A technology offer as a company sees it: its maturity (TRL stands for stage) and its fields. */
export function featuresOfOffer(offer: CompiledOffer): string[] {
  const features = areaFeatures(offer.codes);
  if (offer.trl > 0) features.push(`stage:trl${offer.trl}`);
  return features;
}

const kindOf = (feature: string): FeedbackKind => feature.slice(0, feature.indexOf(':')) as FeedbackKind;

/**
 * Feedback from organisations' decisions, as a multiplier on the scores of their pairs. For each reviewer and
 * each feature, negative and positive evidence is summed; a feature's penalty is negative / (negative + positive
 * + prior), and a pair's multiplier is 1 − strength × the largest penalty among the counterpart's features. So a
 * fund that keeps declining pre-seed companies for their stage sees pre-seed companies lower, a fund that also
 * shortlists some keeps seeing them, and a single decline moves little. Pure and deterministic.
 */
export class ScoringFeedback {
  static readonly none = new ScoringFeedback([]);
  private readonly evidence = new Map<string, Map<string, Evidence>>();

  constructor(signals: Iterable<FeedbackSignal>) {
    for (const signal of signals) {
      let features = this.evidence.get(signal.reviewerId);
      for (const feature of signal.features) {
        if (!signal.kinds.includes(kindOf(feature))) continue;
        if (!features) this.evidence.set(signal.reviewerId, (features = new Map()));
        const entry = features.get(feature) ?? { negative: 0, positive: 0 };
        if (signal.polarity === 'negative') entry.negative += signal.weight;
        else entry.positive += signal.weight;
        features.set(feature, entry);
      }
    }
    // Reviewers with positive evidence only change nothing: keep the lookup set to those that can.
    for (const [reviewer, features] of this.evidence) {
      if (![...features.values()].some((e) => e.negative > 0)) this.evidence.delete(reviewer);
    }
  }

  /** Whether the reviewer's decisions can change any score (the kernel skips everyone else). */
  has(reviewerId: string): boolean {
    return this.evidence.has(reviewerId);
  }

  /** 1 when the reviewer's decisions say nothing about such a counterpart, down to 1 − strength. */
  multiplier(reviewerId: string, counterpartFeatures: readonly string[]): number {
    const features = this.evidence.get(reviewerId);
    if (!features) return 1;
    let worst = 0;
    for (const feature of counterpartFeatures) {
      const entry = features.get(feature);
      if (!entry || entry.negative === 0) continue;
      worst = Math.max(worst, entry.negative / (entry.negative + entry.positive + FEEDBACK_PRIOR));
    }
    return 1 - FEEDBACK_STRENGTH * worst;
  }
}

/**
 * An explanation with feedback applied: the score is scaled, and what each side's decisions took off is one more
 * reason with a negative contribution, so the reasons still add up to the score.
 */
export function withFeedback(score: number, reasons: readonly MatchReason[], parts: FeedbackParts): { score: number; reasons: MatchReason[] } {
  if (parts.company >= 1 && parts.partner >= 1) return { score, reasons: [...reasons] };
  const adjusted = Math.round(score * parts.company * parts.partner * 10) / 10;
  const byCompany = Math.round(score * (1 - parts.company) * 10) / 10;
  const byPartner = Math.round((score - adjusted - byCompany) * 10) / 10;
  const added: MatchReason[] = [];
  if (byPartner > 0) added.push({ factor: FEEDBACK_FACTORS.partner.factor, label: FEEDBACK_FACTORS.partner.label, contribution: -byPartner });
  if (byCompany > 0) added.push({ factor: FEEDBACK_FACTORS.company.factor, label: FEEDBACK_FACTORS.company.label, contribution: -byCompany });
  return { score: adjusted, reasons: [...reasons, ...added] };
}

/**
 * Feedback for the pairs the scorers compare, both ways: the fund's (or research centre's) decisions about
 * companies like this one, and the company's decisions about funds (or offers) like this one. Counterpart
 * features are computed once per compiled profile.
 */
export class PairFeedback {
  private readonly features = new WeakMap<object, string[]>();

  constructor(private readonly feedback: ScoringFeedback) {}

  /** The pair's multiplier (the kernel's: both sides' feedback at once). */
  vc(company: CompiledCompany, fund: CompiledFund): number {
    if (!this.feedback.has(fund.id) && !this.feedback.has(company.id)) return 1;
    const parts = this.vcParts(company, fund);
    return parts.company * parts.partner;
  }

  tt(offer: CompiledOffer, company: CompiledCompany): number {
    if (!this.feedback.has(offer.researchCentreId) && !this.feedback.has(company.id)) return 1;
    const parts = this.ttParts(offer, company);
    return parts.company * parts.partner;
  }

  vcParts(company: CompiledCompany, fund: CompiledFund): FeedbackParts {
    return {
      company: this.feedback.multiplier(company.id, this.of(fund, featuresOfFund)),
      partner: this.feedback.multiplier(fund.id, this.of(company, featuresOfCompany)),
    };
  }

  ttParts(offer: CompiledOffer, company: CompiledCompany): FeedbackParts {
    return {
      company: this.feedback.multiplier(company.id, this.of(offer, featuresOfOffer)),
      partner: this.feedback.multiplier(offer.researchCentreId, this.of(company, featuresOfCompany)),
    };
  }

  private of<T extends object>(profile: T, extract: (profile: T) => string[]): string[] {
    let features = this.features.get(profile);
    if (!features) this.features.set(profile, (features = extract(profile)));
    return features;
  }
}
