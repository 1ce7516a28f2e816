import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, INFRASTRUCTURE } from '../app/tokens';
import type { AppConfig } from '../config/app-config';
import type { Infrastructure } from '../infrastructure/open-infrastructure';
import { accessCode, accessCodesMatch, normaliseAccessCode } from './access-code';

const SECRET_NAME = 'resident-access-code';

/**
 * Issues and checks residents' access codes. The key is RESIDENT_ACCESS_SECRET when configured;
 * otherwise one generated the first time any instance needs it and kept in api_secrets, where
 * the first writer wins, so every instance of the API derives the same codes.
 */
@Injectable()
export class ResidentAccessCodes {
  private secret: Promise<string> | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'resident'>,
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Pick<Infrastructure, 'sql'>,
  ) {}

  async codeFor(complaintId: string): Promise<string> {
    return accessCode(await this.key(), complaintId);
  }

  /** Whether `given` (as typed: any case, with or without the hyphen) is the code of the complaint. */
  async matches(complaintId: string, given: string | undefined): Promise<boolean> {
    const expected = await this.codeFor(complaintId);
    const canonical = given === undefined ? null : normaliseAccessCode(given);
    // A malformed code is compared too (against itself, failing), so it answers no faster.
    return accessCodesMatch(expected, canonical ?? '') && canonical !== null;
  }

  private key(): Promise<string> {
    this.secret ??= this.loadKey().catch((error: unknown) => {
      this.secret = undefined; // a database hiccup must not poison every later request
      throw error;
    });
    return this.secret;
  }

  private async loadKey(): Promise<string> {
    if (this.config.resident.accessSecret !== undefined) return this.config.resident.accessSecret;
    const { sql } = this.infrastructure;
    await sql.query(`INSERT INTO api_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, [
      SECRET_NAME,
      randomBytes(32).toString('base64'),
    ]);
    const [row] = await sql.query<{ value: string }>(`SELECT value FROM api_secrets WHERE name = $1`, [SECRET_NAME]);
    if (!row) throw new Error('the resident access secret could not be read back');
    return row.value;
  }
}
