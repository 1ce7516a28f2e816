import {
  DeadlineExceededError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { StoreUnavailableError } from '@complaints/event-store';
import { describe, expect, it } from 'vitest';
import { unavailableOr } from './unavailable';

describe('EventStoreDB errors that mean the server is unavailable', () => {
  it.each([
    ['UNAVAILABLE', new UnavailableError(undefined, 'No connection established')],
    ['DEADLINE_EXCEEDED', new DeadlineExceededError(undefined, 'Deadline exceeded')],
  ])('%s becomes StoreUnavailableError, with the client error as its cause', (_name, error) => {
    const translated = unavailableOr(error);
    expect(translated).toBeInstanceOf(StoreUnavailableError);
    expect((translated as Error).cause).toBe(error);
  });

  it.each([
    ['stream not found', new StreamNotFoundError(undefined, 'no stream')],
    [
      'wrong expected version',
      new WrongExpectedVersionError(undefined, { streamName: 'complaint-1', expected: 1n, current: 2n }),
    ],
    ['a bug', new TypeError('x is undefined')],
  ])('%s stays as it is', (_name, error) => {
    expect(unavailableOr(error)).toBe(error);
  });
});
