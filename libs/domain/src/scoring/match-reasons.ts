import type { OrganisationType } from '../profile/profile.enums';
import type { FactorDefinition } from './combine-sides';
import { FEEDBACK_FACTORS } from './scoring-feedback';
import type { MatchArea, MatchReason } from './scoring.types';
import { TT_FACTORS } from './tt-scorer';
import { VC_FACTORS } from './vc-scorer';

/** The scorers' factors, then feedback of each side (negative contributions where past decisions lowered the score). */
export const FACTORS_OF_AREA: Record<MatchArea, readonly FactorDefinition[]> = {
  venture_capital: [...VC_FACTORS, FEEDBACK_FACTORS.partner, FEEDBACK_FACTORS.company],
  tech_transfer: [...TT_FACTORS, FEEDBACK_FACTORS.partner, FEEDBACK_FACTORS.company],
};

/** Who reads an explanation: the company's side, the fund's or research centre's side, or staff (everything). */
export type ReasonViewer = 'company' | 'partner' | 'staff';

/** The side an organisation of this type reads explanations from. */
export function readerOfType(type: OrganisationType): ReasonViewer {
  return type === 'company' ? 'company' : 'partner';
}

/** Reasons as stored: each factor's contribution in the area's fixed factor order (labels come from code). */
export function toContributions(area: MatchArea, reasons: readonly MatchReason[]): number[] {
  const byFactor = new Map(reasons.map((r) => [r.factor, r.contribution]));
  return FACTORS_OF_AREA[area].map((f) => byFactor.get(f.factor) ?? 0);
}

/**
 * Stored contributions back to reasons, largest first; factors that contributed nothing are left out (feedback,
 * when present, is negative and comes last).
 */
export function fromContributions(area: MatchArea, contributions: readonly number[], viewer: ReasonViewer = 'staff'): MatchReason[] {
  return reasonsFor(area, contributions, viewer).filter((r) => r.contribution !== 0);
}

/**
 * Every factor's contribution as one viewer may read it. The other side's feedback is hidden (it would tell that
 * side's declines): the score it took off is spread back over the positive factors in proportion, rounded to
 * tenths by largest remainder, so the reasons still add up to the score.
 */
export function reasonsFor(area: MatchArea, contributions: readonly number[], viewer: ReasonViewer): MatchReason[] {
  const factors = FACTORS_OF_AREA[area];
  const tenths = factors.map((_, i) => Math.round((contributions[i] ?? 0) * 10));
  const hidden = viewer === 'company' ? FEEDBACK_FACTORS.partner.factor : viewer === 'partner' ? FEEDBACK_FACTORS.company.factor : null;
  const h = hidden ? factors.findIndex((f) => f.factor === hidden) : -1;
  if (h >= 0 && tenths[h] !== 0) {
    const positive = tenths.reduce((sum, t) => sum + Math.max(0, t), 0);
    const keep = positive + tenths[h]; // the positive tenths that remain once the hidden feedback is folded in
    const exact = tenths.map((t) => (t > 0 && positive > 0 ? (t * keep) / positive : 0));
    const scaled = exact.map(Math.floor);
    let missing = Math.round(exact.reduce((a, b) => a + b, 0)) - scaled.reduce((a, b) => a + b, 0);
    for (const i of exact.map((_, i) => i).sort((a, b) => exact[b] - scaled[b] - (exact[a] - scaled[a]))) {
      if (missing <= 0) break;
      scaled[i]++;
      missing--;
    }
    for (let i = 0; i < tenths.length; i++) if (tenths[i] > 0) tenths[i] = scaled[i];
    tenths[h] = 0;
  }
  return factors
    .map((f, i) => ({ factor: f.factor, label: f.label, contribution: tenths[i] / 10 }))
    .filter((r) => r.factor !== hidden)
    .sort((a, b) => b.contribution - a.contribution || a.factor.localeCompare(b.factor));
}
