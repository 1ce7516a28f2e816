import { Injectable } from '@nestjs/common';
import { currentEvents, stripPersonalFields, type ComplaintEvent } from '@complaints/contracts';
import { toLondonDate } from '@complaints/domain';
import { ComplaintQueries } from '../complaints/read/complaint-queries.service';
import { CaseHistories, type CaseHistory, type CaseHistoryFilter } from './case-histories';

const ENDINGS = new Set(['ComplaintClosed', 'ComplaintWithdrawn', 'ComplaintRefused']);

/**
 * Interim implementation over a scan of the global log, until the case files read model
 * answers instead.
 */
@Injectable()
export class StreamCaseHistories extends CaseHistories {
  constructor(private readonly queries: ComplaintQueries) {
    super();
  }

  async list(filter: CaseHistoryFilter = {}): Promise<CaseHistory[]> {
    const histories: CaseHistory[] = [];
    for (const stream of await this.queries.allStreams()) {
      const events = stream.map((e) => redact(e.event));
      const first = events[0];
      if (first?.type !== 'ComplaintReceived') continue;
      const dates = events.map((e) => toLondonDate(e.data.occurredAt));
      const endedOn = events.find((e) => ENDINGS.has(e.type));
      if (filter.receivedOnOrBefore && toLondonDate(first.data.occurredAt) > filter.receivedOnOrBefore) continue;
      if (filter.notEndedBefore && endedOn && toLondonDate(endedOn.data.occurredAt) < filter.notEndedBefore) continue;
      if (filter.activeOnOrAfter && !dates.some((d) => d >= filter.activeOnOrAfter!)) continue;
      histories.push({ complaintId: first.data.complaintId, reference: first.data.reference, events });
    }
    return histories;
  }
}

/** Every personal field of the (current-version) event replaced by ERASED. */
export function redact(event: ComplaintEvent): ComplaintEvent {
  return { type: event.type, data: stripPersonalFields(event.data, currentEvents[event.type].personal) } as ComplaintEvent;
}
