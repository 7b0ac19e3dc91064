import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  DECLINE_REASON_KINDS,
  FEEDBACK_KINDS,
  FEEDBACK_WEIGHTS,
  featuresOfCompany,
  featuresOfFund,
  featuresOfOffer,
  PairFeedback,
  ScoringFeedback,
  type DeclineReason,
  type FeedbackSignal,
} from '@hub/domain';
import type { CorpusView } from './scoring-corpus';

interface DecisionRow {
  reviewer: string;
  counterpart: string;
  decision: 'shortlisted' | 'declined' | 'accepted' | 'follow_up';
  reason: DeclineReason | null;
}

/**
 * Every decision that feeds scoring: match reviews (declines with their reason, shortlists), accepted meetings
 * (both sides showed interest) and meetings that led to a follow-up, as seen by each side.
 */
const DECISIONS = `
  SELECT organisation_id AS reviewer, counterpart_id AS counterpart, decision, reason FROM match_reviews
  UNION ALL
  SELECT from_organisation_id, to_organisation_id, 'accepted', NULL FROM meeting_requests WHERE status = 'accepted'
  UNION ALL
  SELECT to_organisation_id, from_organisation_id, 'accepted', NULL FROM meeting_requests WHERE status = 'accepted'
  UNION ALL
  SELECT o.organisation_id,
         CASE WHEN r.from_organisation_id = o.organisation_id THEN r.to_organisation_id ELSE r.from_organisation_id END,
         'follow_up', NULL
    FROM meeting_outcomes o JOIN meeting_requests r ON r.id = o.request_id
   WHERE o.follow_up <> 'none'`;

/** Loads organisations' decisions and turns them into score multipliers for a scoring pass. */
@Injectable()
export class ScoringFeedbackLoader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async load(corpus: CorpusView): Promise<PairFeedback> {
    const rows: DecisionRow[] = await this.dataSource.query(DECISIONS);
    if (rows.length === 0) return new PairFeedback(ScoringFeedback.none);
    let offersByCentre: Map<string, string[]> | null = null;
    const featuresOf = (id: string): string[] => {
      const company = corpus.company(id);
      if (company) return featuresOfCompany(company);
      const fund = corpus.fund(id);
      if (fund) return featuresOfFund(fund);
      // A research centre is judged by its offers' features together.
      if (!offersByCentre) {
        offersByCentre = new Map();
        for (const offer of corpus.offers) offersByCentre.set(offer.researchCentreId, [...(offersByCentre.get(offer.researchCentreId) ?? []), ...featuresOfOffer(offer)]);
      }
      return [...new Set(offersByCentre.get(id) ?? [])];
    };
    const signals: FeedbackSignal[] = rows.map((row) => {
      const features = featuresOf(row.counterpart);
      if (row.decision === 'declined') {
        return { reviewerId: row.reviewer, features, polarity: 'negative', kinds: DECLINE_REASON_KINDS[row.reason ?? 'other'], weight: 1 };
      }
      const weight = row.decision === 'follow_up' ? FEEDBACK_WEIGHTS.followUp : row.decision === 'accepted' ? FEEDBACK_WEIGHTS.acceptedMeeting : FEEDBACK_WEIGHTS.shortlist;
      return { reviewerId: row.reviewer, features, polarity: 'positive', kinds: FEEDBACK_KINDS, weight };
    });
    return new PairFeedback(new ScoringFeedback(signals));
  }
}
