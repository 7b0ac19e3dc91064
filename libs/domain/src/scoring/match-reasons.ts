import type { FactorDefinition } from './combine-sides';
import type { MatchReason } from './scoring.types';
import { TT_FACTORS } from './tt-scorer';
import { VC_FACTORS } from './vc-scorer';
import type { MatchArea } from './scoring.types';

export const FACTORS_OF_AREA: Record<MatchArea, readonly FactorDefinition[]> = {
  venture_capital: VC_FACTORS,
  tech_transfer: TT_FACTORS,
};

/** Reasons as stored: each factor's contribution in the area's fixed factor order (labels come from code). */
export function toContributions(area: MatchArea, reasons: readonly MatchReason[]): number[] {
  const byFactor = new Map(reasons.map((r) => [r.factor, r.contribution]));
  return FACTORS_OF_AREA[area].map((f) => byFactor.get(f.factor) ?? 0);
}

/** Stored contributions back to reasons, largest first; factors that contributed nothing are left out. */
export function fromContributions(area: MatchArea, contributions: readonly number[]): MatchReason[] {
  return FACTORS_OF_AREA[area]
    .map((f, i) => ({ factor: f.factor, label: f.label, contribution: Math.round((contributions[i] ?? 0) * 10) / 10 }))
    .filter((r) => r.contribution > 0)
    .sort((a, b) => b.contribution - a.contribution || a.factor.localeCompare(b.factor));
}
