import type { Subscription } from '../port/event-store.port';

/** The subscriptions a store has started and not yet seen end, so that `close()` can stop them all. */
export class OpenSubscriptions {
  private readonly open = new Set<Subscription>();

  /** Track `subscription` until it ends (stopped or failed), and hand it back. */
  add<S extends Subscription>(subscription: S): S {
    this.open.add(subscription);
    const forget = () => this.open.delete(subscription);
    void subscription.done.then(forget, forget);
    return subscription;
  }

  /** Stop every open subscription, letting each finish and checkpoint the batch it is handling. */
  async stopAll(): Promise<void> {
    await Promise.all([...this.open].map((subscription) => subscription.stop()));
  }
}
