import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CoreModule, HealthModule, MetricsModule } from '@hub/core';
import { AdminOverviewController } from './admin/admin-overview.controller';
import { AuditController } from './audit/audit.controller';
import { AuthController } from './auth/auth.controller';
import { EventsController } from './events/events.controller';
import { GdprController } from './gdpr/gdpr.controller';
import { ScheduleController } from './events/schedule.controller';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { LoginThrottleGuard } from './auth/login-throttle.guard';
import { ImportsController } from './imports/imports.controller';
import { MatchesController } from './matching/matches.controller';
import { ScoringController } from './matching/scoring.controller';
import { MeetingOutcomesController } from './meetings/meeting-outcomes.controller';
import { MeetingProposalsController } from './meetings/meeting-proposals.controller';
import { MeetingRequestsController } from './meetings/meeting-requests.controller';
import { CompaniesController } from './profiles/companies.controller';
import { FundsController } from './profiles/funds.controller';
import { ResearchCentresController } from './profiles/research-centres.controller';
import { TechnologyOffersController } from './profiles/technology-offers.controller';
import { VisibilityConsentController } from './profiles/visibility-consent.controller';
import { SearchController } from './search/search.controller';
import { TaxonomyController } from './taxonomy/taxonomy.controller';

/** The HTTP entry module: the shared core plus controllers and guards. */
@Module({
  imports: [CoreModule, HealthModule, MetricsModule],
  controllers: [
    AuthController,
    TaxonomyController,
    CompaniesController,
    FundsController,
    ResearchCentresController,
    TechnologyOffersController,
    VisibilityConsentController,
    ImportsController,
    SearchController,
    MatchesController,
    ScoringController,
    MeetingRequestsController,
    MeetingProposalsController,
    MeetingOutcomesController,
    AuditController,
    AdminOverviewController,
    EventsController,
    ScheduleController,
    GdprController,
  ],
  providers: [{ provide: APP_GUARD, useClass: JwtAuthGuard }, LoginThrottleGuard],
})
export class ApiModule {}
