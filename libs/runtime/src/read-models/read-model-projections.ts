import type { PolicyProfile, WorkingDayCalendar } from '@complaints/domain';
import type { BlobStore, KeyStore } from '@complaints/event-store';
import { documentBlobErasureProjection } from '../documents/document-blob-erasure.projection';
import {
  caseFilesProjection,
  chronologyProjection,
  complaintSummariesProjection,
  equalityMonitoringProjection,
  feedbackItemsProjection,
  lessonsProjection,
  ReadModelSeal,
  retentionProjection,
  subjectIndexProjection,
  transparencyLogProjection,
  type BlindIndexKey,
  type Projection,
} from '@complaints/projections';

export interface ReadModelSettings {
  /** The organisation's working-day calendar: summaries and chronology compute deadlines with it. */
  calendar: WorkingDayCalendar;
  /** The local policy timed beside the Code (LOCAL_SLA_PROFILE), or null. */
  localProfile: PolicyProfile | null;
  /** The subject-access blind index key (loadSubjectIndexKey, from KEYS_DIR). */
  subjectIndexKey: BlindIndexKey;
  /** The data subjects' keys: the read models keep personal text sealed under them. */
  keys: KeyStore;
  /** Where documents' bytes live: erasure deletes them (docs/documents.md, "Erasure"). */
  documentBlobs: BlobStore;
}

/**
 * Every read model the product maintains, defined once: the API (in-process) and the worker run
 * exactly this list, so they can never disagree on which tables exist or at which version.
 */
export function readModelProjections(settings: ReadModelSettings): Projection[] {
  const seal = new ReadModelSeal(settings.keys);
  return [
    complaintSummariesProjection({ calendar: settings.calendar }),
    caseFilesProjection({ calendar: settings.calendar, localProfile: settings.localProfile }),
    lessonsProjection({ seal }),
    chronologyProjection({ calendar: settings.calendar, seal }),
    retentionProjection(),
    subjectIndexProjection({ key: settings.subjectIndexKey }),
    transparencyLogProjection(),
    equalityMonitoringProjection({ seal }),
    documentBlobErasureProjection(settings.documentBlobs),
    feedbackItemsProjection(),
  ];
}
