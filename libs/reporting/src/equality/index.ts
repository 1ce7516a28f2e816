export { equalityReport, type EqualityReport } from './equality-report';
export {
  FEWER_THAN_5,
  SMALL_NUMBER_THRESHOLD,
  suppressCount,
  suppressSmallNumbers,
  WITHHELD_COUNT,
  type ShownCount,
  type SuppressedTable,
} from './small-number-suppression';
