import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { createWorkingDayCalendar } from '@complaints/domain';
import type { Clock } from '@complaints/event-store';
import { RolesGuard } from '../auth/roles.guard';
import { ComplaintQueries } from '../complaints/read/complaint-queries.service';
import { ComplaintReadsController } from '../complaints/read/complaint-reads.controller';
import { ComplaintWriter } from '../complaints/write/complaint-writer';
import { ComplaintWritesController } from '../complaints/write/complaint-writes.controller';
import { LogRelatedComplaintHandler } from '../complaints/related/log-related-complaint';
import { RelatedComplaintsController } from '../complaints/related/related-complaints.controller';
import { ReceiveComplaintHandler, RecordComplaintStepHandler } from '../complaints/write/handlers';
import { IdempotentRequests } from '../complaints/write/idempotent-requests';
import type { AppConfig } from '../config/app-config';
import { EventsController } from '../feed/events.controller';
import { HealthController } from '../health/health.controller';
import { EvidenceController } from '../integrity/evidence.controller';
import { IntegrityController } from '../integrity/integrity.controller';
import { transparencyLogProvider } from '../integrity/transparency-log.provider';
import { SubscriberDocsController } from '../openapi/subscriber-docs.controller';
import { ReadYourWritesInterceptor } from '../http/read-your-writes.interceptor';
import type { Infrastructure } from '../infrastructure/open-infrastructure';
import { ReferenceGenerator } from '../infrastructure/reference-generator';
import { JsonLogger } from '@complaints/runtime';
import { MetricsController } from '../read-models/metrics.controller';
import { CaseHistories } from '../read-models/case-histories';
import { ReadModelsAdminController } from '../read-models/read-models-admin.controller';
import { ReadModels } from '../read-models/read-models.service';
import { ProjectionCaseHistories } from '../read-models/projection-case-histories';
import { PanelController } from '../panel/panel.controller';
import { AnnualReportsController } from '../reports/annual-reports.controller';
import { GovernanceReportsController } from '../governance/governance-reports.controller';
import { PublicPerformanceController } from '../governance/public-performance.controller';
import { AnnualReportRecords } from '../governance/annual-report-records';
import { SelfAssessmentController } from '../reports/self-assessment.controller';
import { AttentionController } from '../reports/attention.controller';
import { ReportsController } from '../reports/reports.controller';
import { EqualityReportController } from '../reports/equality-report.controller';
import { ActionPlansController } from '../reports/action-plans.controller';
import { FailedLookups } from '../resident/failed-lookups';
import { ResidentLookup } from '../resident/resident-lookup';
import { ResidentAccessCodes } from '../resident/resident-access-codes';
import { ResidentStatusController } from '../resident/resident-status.controller';
import { RetentionController } from '../retention/retention.controller';
import { RetentionErasures } from '../retention/retention-erasures';
import { SubjectAccessController } from '../subject-access/subject-access.controller';
import { SubjectAccessExports } from '../subject-access/subject-access-export';
import { SubjectAccessLog } from '../subject-access/subject-access-log';
import { loadSubjectIndexKey, localProfileOf } from '@complaints/runtime';
import { PageKit } from '../pages/page-kit';
import { EndedSessions } from '../pages/session/ended-sessions';
import { ResidentPageController } from '../pages/resident-page.controller';
import { OidcSignInController } from '../pages/oidc/oidc-sign-in.controller';
import { OIDC_SIGN_IN, OidcSignIn } from '../pages/oidc/oidc-sign-in';
import { loadOrCreateSessionSecret } from '../pages/session/session-secret';
import { StartPagesController } from '../pages/start-pages.controller';
import { DashboardPageController } from '../pages/dashboard-page.controller';
import { PanelPagesController } from '../pages/panel-pages.controller';
import { CasePagesController } from '../pages/case-pages.controller';
import { AttentionPageController } from '../pages/attention-page.controller';
import { CaseFormsController } from '../pages/case-forms.controller';
import { RelatedComplaintPageController } from '../pages/related-complaint-page.controller';
import { DocumentsController } from '../documents/documents.controller';
import { CaseDocumentsPageController } from '../documents/case-documents-page.controller';
import { ComplaintDocuments } from '../documents/complaint-documents';
import { openBlobStore } from '@complaints/runtime';
import { DOCUMENT_BLOBS } from '../documents/document-tokens';
import { APP_CONFIG, CLOCK, INFRASTRUCTURE, LETTER_TEMPLATES, ORGANISATION, SUBJECT_INDEX_KEY } from './tokens';
import { loadLetterTemplates } from '@complaints/documents';
import { LettersController } from '../complaints/letters/letters.controller';
import { LetterDrafts } from '../complaints/letters/letter-drafts';
import { LetterPagesController } from '../pages/letter-pages.controller';
import type { Organisation } from '@complaints/reporting';
import { FeedbackController } from '../feedback/feedback.controller';
import { FeedbackPanelController } from '../feedback/feedback-panel.controller';
import { FeedbackWriter } from '../feedback/feedback-writer';
import { ConvertFeedbackHandler } from '../feedback/convert-feedback';

export interface AppDependencies {
  config: AppConfig;
  infrastructure: Infrastructure;
  clock: Clock;
  logger: JsonLogger;
}

export function organisationOf(config: AppConfig): Organisation {
  return {
    calendar: createWorkingDayCalendar({
      division: config.org.division,
      feed: config.org.bankHolidays,
      closureDays: config.org.closureDays,
    }),
    localProfile: localProfileOf(config.org.localSlaProfile),
    homes: config.org.homes,
  };
}

/** The whole API as one module; what it talks to comes in from main (or a test). */
@Module({})
export class AppModule {
  static with(deps: AppDependencies): DynamicModule {
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot()],
      // Page controllers: the forms' /complaints/new before the case page's /complaints/:id, which would take "new" for an id.
      controllers: [
        HealthController,
        MetricsController,
        ComplaintWritesController,
        RelatedComplaintsController,
        ComplaintReadsController,
        LettersController,
        ReportsController,
        EqualityReportController,
        ActionPlansController,
        AttentionController,
        AnnualReportsController,
        SelfAssessmentController,
        GovernanceReportsController,
        PublicPerformanceController,
        PanelController,
        ResidentStatusController,
        ReadModelsAdminController,
        EventsController,
        SubscriberDocsController,
        IntegrityController,
        EvidenceController,
        RetentionController,
        SubjectAccessController,
        StartPagesController,
        DashboardPageController,
        PanelPagesController,
        AttentionPageController,
        CaseDocumentsPageController,
        CaseFormsController,
        LetterPagesController,
        RelatedComplaintPageController,
        CasePagesController,
        ResidentPageController,
        OidcSignInController,
        DocumentsController,
        FeedbackController,
        FeedbackPanelController,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: deps.config },
        { provide: INFRASTRUCTURE, useValue: deps.infrastructure },
        { provide: CLOCK, useValue: deps.clock },
        { provide: ORGANISATION, useValue: organisationOf(deps.config) },
        { provide: JsonLogger, useValue: deps.logger },
        // Loaded and checked once at start-up: templates missing a part the Code requires stop the service (docs/letters.md).
        { provide: LETTER_TEMPLATES, useFactory: () => loadLetterTemplates(deps.config.letters.templatesDir) },
        // From KEYS_DIR, created on first start: never in the database (docs/data-protection.md, "Subject access").
        { provide: SUBJECT_INDEX_KEY, useFactory: () => loadSubjectIndexKey(deps.config.keysDir) },
        {
          provide: ReferenceGenerator,
          useFactory: (infrastructure: Infrastructure) => new ReferenceGenerator(infrastructure.sql),
          inject: [INFRASTRUCTURE],
        },
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: APP_INTERCEPTOR, useClass: ReadYourWritesInterceptor },
        // The pages' renderer, sessions and CSRF tokens; the session key lives in KEYS_DIR unless SESSION_SECRET is set.
        {
          provide: PageKit,
          useFactory: () =>
            new PageKit(
              deps.config.pages,
              loadOrCreateSessionSecret(deps.config.keysDir, deps.config.pages.session.secret),
              new EndedSessions(deps.infrastructure.sql),
            ),
        },
        // Sign-in with the landlord's identity provider, when OIDC_* is set; its flow cookie is signed with the session key.
        {
          provide: OIDC_SIGN_IN,
          useFactory: () => {
            const { oidc, session } = deps.config.pages;
            return oidc ? new OidcSignIn(oidc, loadOrCreateSessionSecret(deps.config.keysDir, session.secret)) : null;
          },
        },
        ComplaintWriter,
        IdempotentRequests,
        ResidentAccessCodes,
        FailedLookups,
        ResidentLookup,
        ComplaintQueries,
        LetterDrafts,
        ReadModels,
        transparencyLogProvider,
        { provide: CaseHistories, useClass: ProjectionCaseHistories },
        AnnualReportRecords,
        ReceiveComplaintHandler,
        RecordComplaintStepHandler,
        LogRelatedComplaintHandler,
        RetentionErasures,
        SubjectAccessLog,
        SubjectAccessExports,
        // Documents' bytes: files under DATA_DIR/documents, or an S3 bucket (docs/documents.md).
        { provide: DOCUMENT_BLOBS, useFactory: () => openBlobStore(deps.config.documents.store) },
        ComplaintDocuments,
        FeedbackWriter,
        ConvertFeedbackHandler,
      ],
    };
  }
}
