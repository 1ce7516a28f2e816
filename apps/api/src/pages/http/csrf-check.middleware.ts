import type { NextFunction, Request, Response } from 'express';
import { problems } from '../../http/problem';
import { requestContext } from '../../http/request-context';
import { FORM_EXPIRED_TYPE, type PageKit } from '../page-kit';
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
    kit.sendProblem(
      req,
      res,
      { ...problems.forbidden('This form could not be accepted: it has expired, or it did not come from this service. Go back, reload the page and try again.'), type: FORM_EXPIRED_TYPE, title: 'Form expired' },
      requestContext(req).correlationId,
      {},
    );
  };
}
