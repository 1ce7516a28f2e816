import { ERASED } from '@complaints/contracts';

/**
 * An optional personal value as the store reads it once its key is destroyed: ERASED, or still
 * null when nothing was recorded (erasure must not invent a value that was never there).
 */
export const erased = <T extends string | null>(value: T): T | typeof ERASED => (value === null ? value : ERASED);
