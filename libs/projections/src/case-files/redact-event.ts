import { currentEvents, stripPersonalFields, type ComplaintEvent } from '@complaints/contracts';

/**
 * The event with every personal field of its (current-version) definition replaced by ERASED:
 * what a read model may keep in the clear, since erasing the data subject's key cannot reach a
 * copy outside the store.
 */
export function redactEvent(event: ComplaintEvent): ComplaintEvent {
  return {
    type: event.type,
    data: stripPersonalFields(event.data, currentEvents[event.type].personal),
  } as ComplaintEvent;
}
