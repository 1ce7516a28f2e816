/** The operational endpoints: they answer machines (probes, Prometheus), never a page. */
const OPERATIONAL = ['/health', '/ready', '/metrics'];

/**
 * Which requests are pages (HTML for people) rather than the API: everything outside `/api/` and
 * the operational endpoints. Pages take the session cookie and form bodies; the API never does
 * (a cookie there would make every API write a CSRF target).
 */
export function isPagePath(path: string): boolean {
  return !(
    path.startsWith('/api/') ||
    path === '/api' ||
    OPERATIONAL.some((p) => path === p || path.startsWith(`${p}/`))
  );
}
