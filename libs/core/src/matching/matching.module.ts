import { Module } from '@nestjs/common';
import { QueueModule } from '../queue/queue.module';
import { FullRescoreService } from './full-rescore.service';
import { MatchesService } from './matches.service';
import { MatchReviewsService } from './match-reviews.service';
import { MatchingService } from './matching.service';
import { RescoreStatusService } from './rescore-status.service';
import { ScoringConfigService } from './scoring-config.service';
import { ScoringCorpus } from './scoring-corpus';
import { ScoringFeedbackLoader } from './scoring-feedback.loader';

/** Scoring, stored matches and their configuration; the worker runs the computations, the api reads. */
@Module({
  imports: [QueueModule],
  providers: [ScoringCorpus, ScoringFeedbackLoader, ScoringConfigService, MatchingService, FullRescoreService, MatchesService, MatchReviewsService, RescoreStatusService],
  exports: [QueueModule, ScoringCorpus, ScoringConfigService, MatchingService, FullRescoreService, MatchesService, MatchReviewsService, RescoreStatusService],
})
export class MatchingModule {}
