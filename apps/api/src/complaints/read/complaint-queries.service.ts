import { Inject, Injectable } from '@nestjs/common';
import type { CalendarDate } from '@complaints/contracts';
import { toLondonDate } from '@complaints/domain';
import type { ComplaintEnvelope } from '@complaints/event-store';
import type { Clock } from '@complaints/event-store';
import {
  buildChronology,
  CHRONOLOGY,
  complaintIntegrity,
  LogInconsistentError,
  queryChronology,
  type ComplaintIntegrityReport,
  TRANSPARENCY_LOG,
  TransparencyLog,
  type ChronologyEntry,
} from '@complaints/projections';
import { toOutboundEvent, type OutboundEvent } from '@complaints/publishing';
import { CLOCK, INFRASTRUCTURE, ORGANISATION } from '../../app/tokens';
import type { Organisation } from '@complaints/reporting';
import { ProblemException, problems } from '../../http/problem';
import type { Infrastructure } from '../../infrastructure/open-infrastructure';
import { ReadModels } from '../../read-models/read-models.service';
import type { ChronologyCheckpoint, ChronologyCheckpointAbsence, ChronologyDocument } from '@complaints/documents';
import {
  auditTrail,
  caseHistory,
  complaintView,
  type AuditTrailEntry,
  type ComplaintView,
} from '@complaints/reporting';

const CONSISTENT_READ_ATTEMPTS = 3;

/**
 * Queries about one complaint. Its view replays its own stream (cheap, and the auditor's "as at"
 * view must); its chronology comes from the chronology read model. Lists, dashboards and
 * reports read their own read models (complaint summaries, case files, lessons).
 */
@Injectable()
export class ComplaintQueries {
  constructor(
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure,
    @Inject(ORGANISATION) readonly organisation: Organisation,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly readModels: ReadModels,
    private readonly transparencyLog: TransparencyLog,
  ) {}

  today(): CalendarDate {
    return toLondonDate(this.clock.now());
  }

  /** The stream, or 404 when the complaint was never received. */
  async stream(complaintId: string, options: { asAt?: Date } = {}): Promise<ComplaintEnvelope[]> {
    const { envelopes } = await this.infrastructure.complaints.load(complaintId, options);
    if (envelopes.length === 0) {
      if (options.asAt) {
        // Distinguish "did not exist yet then" from "never existed".
        const now = await this.infrastructure.complaints.load(complaintId, { toRevision: 1 });
        if (now.envelopes.length > 0) return [];
      }
      throw new ProblemException(problems.notFound(`There is no complaint ${complaintId}.`));
    }
    return envelopes;
  }

  async complaint(complaintId: string): Promise<ComplaintView> {
    return this.complaintFrom(complaintId, await this.stream(complaintId));
  }

  /** The view of a stream already read (a page that also folds it for the decider reads it once). */
  complaintFrom(complaintId: string, envelopes: readonly ComplaintEnvelope[]): ComplaintView {
    const view = complaintView(envelopes, this.organisation, this.today());
    if (!view) throw new ProblemException(problems.notFound(`There is no complaint ${complaintId}.`));
    return view;
  }

  async history(complaintId: string, asAt: Date | undefined) {
    const envelopes = await this.stream(complaintId, asAt ? { asAt } : {});
    return caseHistory(complaintId, envelopes, this.organisation, asAt, this.today());
  }

  /**
   * The header from the stream, the entries from the chronology read model up to the header's
   * revision, once the model has applied the stream's last event. Should it not get there in
   * time (a failing or rebuilding projection), the entries are built from the stream already in
   * hand with the same code, rather than printing a chronology that misses steps.
   */
  async chronology(complaintId: string): Promise<{ view: ComplaintView; entries: ChronologyEntry[] }> {
    return this.chronologyOf(complaintId, await this.stream(complaintId));
  }

  /**
   * Everything recorded about one complaint from one read of its stream: the case, its audit
   * trail and its chronology (the subject-access export), so the three cannot disagree about
   * a step recorded in between, and the case is folded once.
   */
  async record(
    complaintId: string,
  ): Promise<{ view: ComplaintView; entries: ChronologyEntry[]; history: AuditTrailEntry[] }> {
    const envelopes = await this.stream(complaintId);
    return { ...(await this.chronologyOf(complaintId, envelopes)), history: auditTrail(envelopes) };
  }

  /** The chronology of a stream already read. */
  async chronologyOf(
    complaintId: string,
    envelopes: readonly ComplaintEnvelope[],
  ): Promise<{ view: ComplaintView; entries: ChronologyEntry[] }> {
    const view = complaintView(envelopes, this.organisation, this.today());
    const last = envelopes.at(-1);
    if (!view || !last) throw new ProblemException(problems.notFound(`There is no complaint ${complaintId}.`));
    await this.readModels.caughtUpTo(last.globalPosition, CHRONOLOGY);
    const entries = await queryChronology(this.readModels.sql, this.readModels.seal, complaintId, {
      upToRevision: view.revision,
    });
    if (entries.length === view.revision) return { view, entries };
    const timeline = envelopes.map((e) => ({
      ...e.event,
      revision: e.revision,
      recordedAt: e.recordedAt,
      actor: e.metadata.actor,
    }));
    return { view, entries: buildChronology(timeline, this.organisation.calendar) };
  }

  /**
   * The chronology with the integrity check of the same stream and the moment it was produced:
   * what the PDF prints. verify() reads the stream again, so a step recorded in between would
   * give a head hash covering an event the chronology does not show; then both are read again.
   */
  async chronologyDocument(complaintId: string): Promise<ChronologyDocument> {
    for (let attempt = 1; ; attempt++) {
      const chronology = await this.chronology(complaintId);
      const integrity = await this.infrastructure.complaints.verify(complaintId);
      if (integrity.eventsChecked <= chronology.view.revision || attempt === CONSISTENT_READ_ATTEMPTS) {
        // After the last attempt the PDF states both counts, so a mismatch is visible, not hidden.
        const checkpoint = await this.checkpointCovering(complaintId, integrity.eventsChecked);
        return { ...chronology, integrity, checkpoint, generatedAt: this.clock.now() };
      }
    }
  }

  /**
   * A checkpoint of the transparency log that holds the stream's first `revisions` events, once
   * the log has recorded them (bounded wait); otherwise why not: not recorded yet, or the log
   * refuses to sign (LogInconsistentError: the PDF then says so and carries no checkpoint rather
   * than a false one).
   */
  private async checkpointCovering(
    complaintId: string,
    revisions: number,
  ): Promise<ChronologyCheckpoint | ChronologyCheckpointAbsence> {
    const stored = await this.infrastructure.complaints.readStored(complaintId);
    const last = stored[revisions - 1];
    if (!last || !(await this.readModels.caughtUpTo(last.globalPosition, TRANSPARENCY_LOG))) return 'not-yet-recorded';
    try {
      const { treeSize, rootHash, keyId, issuedAt, signature } = await this.transparencyLog.issueCheckpoint();
      return { treeSize, rootHash, keyId, issuedAt, signature };
    } catch (error) {
      if (error instanceof LogInconsistentError) return 'log-inconsistent';
      throw error;
    }
  }

  async integrity(complaintId: string): Promise<ComplaintIntegrityReport> {
    await this.stream(complaintId);
    return complaintIntegrity({ complaints: this.infrastructure.complaints, log: this.transparencyLog }, complaintId);
  }

  /**
   * The global log after a position: the integration feed. Events are in the outbound form,
   * the same JSON a Kafka subscriber gets as the message value (personal fields left out and listed).
   */
  async feed(after: bigint, limit: number): Promise<{ events: OutboundEvent[]; next: string }> {
    const envelopes = await this.infrastructure.complaints.readAll(after, limit);
    return {
      events: envelopes.map(toOutboundEvent),
      next: (envelopes.at(-1)?.globalPosition ?? after).toString(),
    };
  }
}
