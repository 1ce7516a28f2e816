// The JSON logger is shared with the worker (@complaints/runtime); re-exported for the API's code.
export { JsonLogger, type LogFields } from '@complaints/runtime';
