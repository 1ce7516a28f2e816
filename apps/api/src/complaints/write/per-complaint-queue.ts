/**
 * Writes to one complaint from this process take turns. Racing writers on one stream mostly
 * lose (each round of optimistic appends has one winner), so fifty officers' contacts landing
 * at once would spend their retries colliding with each other; in a queue each loads the state
 * its predecessor left and appends first time. Races that remain are with other instances,
 * and those handleCommand re-decides with jittered backoff. Other complaints never wait.
 */
export class PerComplaintQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(complaintId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(complaintId) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(complaintId, tail);
    // The last in line removes the entry, so the map holds only complaints being written now.
    void tail.then(() => {
      if (this.tails.get(complaintId) === tail) this.tails.delete(complaintId);
    });
    return result;
  }
}
