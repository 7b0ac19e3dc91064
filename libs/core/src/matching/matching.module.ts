import { Module } from '@nestjs/common';
import { QueueModule } from '../queue/queue.module';
import { FullRescoreService } from './full-rescore.service';
import { MatchesService } from './matches.service';
import { MatchingService } from './matching.service';
import { RescoreStatusService } from './rescore-status.service';
import { ScoringConfigService } from './scoring-config.service';
import { ScoringCorpus } from './scoring-corpus';

/** Scoring, stored matches and their configuration; the worker runs the computations, the api reads. */
@Module({
  imports: [QueueModule],
  providers: [ScoringCorpus, ScoringConfigService, MatchingService, FullRescoreService, MatchesService, RescoreStatusService],
  exports: [QueueModule, ScoringCorpus, ScoringConfigService, MatchingService, FullRescoreService, MatchesService, RescoreStatusService],
})
export class MatchingModule {}
