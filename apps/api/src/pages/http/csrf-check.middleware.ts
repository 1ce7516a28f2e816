import type { NextFunction, Request, Response } from 'express';
import { requestContext } from '../../http/request-context';
import { formExpiredProblem, type PageKit } from '../page-kit';
import { isPagePath } from './page-paths';
import { isDocumentUpload } from '../../documents/document-upload-route';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every form a page posts carries `_csrf`, checked here after the body is parsed and before any
 * controller runs: a page can never forget it. A refused form changes nothing.
 */
export function checkCsrf(kit: PageKit) {
  return (req: Request, res: Response, next: NextFunction): void => {
    // A document upload's multipart body is read by its route, which checks `_csrf` itself (documents/case-documents-page.controller.ts).
    if (SAFE_METHODS.has(req.method) || !isPagePath(req.path) || isDocumentUpload(req)) {
      next();
      return;
    }
    const offered = (req.body as Record<string, unknown> | undefined)?.['_csrf'];
    if (kit.csrf.matches(kit.csrfBinding(req), offered)) {
      next();
      return;
    }
    kit.sendProblem(req, res, formExpiredProblem(), requestContext(req).correlationId, {});
  };
}
