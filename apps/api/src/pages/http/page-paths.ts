/**
 * Which requests are pages (HTML for people) rather than the API: everything outside `/api/`,
 * `/health` and `/metrics`. Pages take the session cookie and form bodies; the API never does
 * (a cookie there would make every API write a CSRF target).
 */
export function isPagePath(path: string): boolean {
  return !(path.startsWith('/api/') || path === '/api' || path === '/health' || path.startsWith('/health/') || path === '/metrics');
}
