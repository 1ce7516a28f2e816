import { agreeReasonableAdjustment } from './agree-reasonable-adjustment';
import { agreeUpdateInterval } from './agree-update-interval';
import { endVulnerability } from './end-vulnerability';
import { recordEqualityMonitoring } from './record-equality-monitoring';
import { recordVulnerability } from './record-vulnerability';
import { reviewReasonableAdjustment } from './review-reasonable-adjustment';

/** The circumstances commands' handlers, spread into `commandHandlers`. */
export const circumstancesHandlers = {
  RecordVulnerability: recordVulnerability,
  EndVulnerability: endVulnerability,
  AgreeReasonableAdjustment: agreeReasonableAdjustment,
  ReviewReasonableAdjustment: reviewReasonableAdjustment,
  RecordEqualityMonitoring: recordEqualityMonitoring,
  AgreeUpdateInterval: agreeUpdateInterval,
} as const;
