import { describe, expect, it } from 'vitest';
import { COMPLAINT_STREAM_PREFIXES, StreamScope } from './stream-scope';

describe('StreamScope', () => {
  it('takes the complaint streams by default and leaves system streams, system events and other streams out', () => {
    const scope = new StreamScope(COMPLAINT_STREAM_PREFIXES);
    expect(scope.includes('complaint-42', 'ComplaintReceived')).toBe(true);
    expect(scope.includes('complaints-42', 'ComplaintReceived')).toBe(false);
    expect(scope.includes('billing-42', 'InvoiceSent')).toBe(false);
    expect(scope.includes('$stats-0.0.0.0:2113', '$statsCollected')).toBe(false);
    expect(scope.includes('complaint-42', '$metadata')).toBe(false);
  });

  it('accepts several prefixes and refuses empty or system ones', () => {
    const scope = new StreamScope(['complaint-', 'contract-']);
    expect(scope.includes('contract-1', 'Happened')).toBe(true);
    expect(() => new StreamScope([])).toThrow(RangeError);
    expect(() => new StreamScope([''])).toThrow(RangeError);
    expect(() => new StreamScope(['$ce-'])).toThrow(RangeError);
  });
});
