import type { Provider } from '@nestjs/common';
import { TransparencyLog } from '@complaints/projections';
import { loadOrCreateSigningKeys, signedCheckpointFile } from '@complaints/runtime';
import { APP_CONFIG, CLOCK, INFRASTRUCTURE } from '../app/tokens';
import type { AppConfig } from '../config/app-config';
import type { Infrastructure } from '../infrastructure/open-infrastructure';
import type { Clock } from '@complaints/event-store';

/**
 * The transparency log over the read-model database, signing with the Ed25519 key of
 * KEYS_DIR/signing (generated on the first start; never in a database), refusing to sign a tree
 * that does not extend the latest checkpoint kept there.
 */
export const transparencyLogProvider: Provider = {
  provide: TransparencyLog,
  inject: [INFRASTRUCTURE, APP_CONFIG, CLOCK],
  useFactory: (infrastructure: Infrastructure, config: AppConfig, clock: Clock) => {
    const keys = loadOrCreateSigningKeys(config.keysDir);
    return new TransparencyLog({
      sql: infrastructure.sql,
      signingKey: keys.current,
      pastKeys: keys.retired,
      signed: signedCheckpointFile(config.keysDir, keys),
      now: () => clock.now(),
    });
  },
};
