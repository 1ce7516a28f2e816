// Reading `.env` is shared with the worker (@complaints/runtime); re-exported for the API's code.
export { withEnvFile } from '@complaints/runtime';
