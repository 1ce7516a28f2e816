export { isCalendarDate } from './calendar-date';
export * from './london-date';
export * from './bank-holiday-feed';
export * from './shipped-feeds';
export * from './working-day-calendar';
