import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SwaggerModule } from '@nestjs/swagger';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { authenticate } from '../auth/authenticate.middleware';
import { createTokenVerifier, type VerifierSettings } from '../auth/token-verifier';
import { translateWriteError } from '../complaints/write/error-translation';
import { ProblemFilter } from '../http/problem.filter';
import { httpRequestMetrics } from '../http/http-metrics';
import { correlateAndLog, jsonBodies } from '../http/request-pipeline';
import { NestLogger } from '../logging/nest-logger';
import { buildOpenApiDocument } from '../openapi/document';
import { AppModule, type AppDependencies } from './app.module';
import { PageKit } from '../pages/page-kit';
import { checkCsrf } from '../pages/http/csrf-check.middleware';
import { METRICS_REGISTRY } from './tokens';

/**
 * The Nest application, ready to listen. Order matters in the pipeline: correlation id and
 * request log first (so every answer, even a 401, is logged and carries the id), then
 * authentication (before any body is parsed; pages also take the session cookie), then JSON
 * bodies (and pages' forms), the pages' CSRF check, then Nest's router, guard and controllers,
 * with every error leaving through the problem filter (as HTML on a page).
 */
export async function createApp(deps: AppDependencies & { verifier: VerifierSettings }): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.with(deps), {
    bodyParser: false,
    logger: new NestLogger(deps.logger),
    abortOnError: false,
  });
  app.disable('x-powered-by');
  app.set('etag', false); // ETags are the complaint revision, set by the controllers
  // Which proxies may name the client (X-Forwarded-For): by default none, so the header cannot be used to dodge the resident lookup budget.
  app.set('trust proxy', deps.config.trustProxy);
  const pages = app.get(PageKit);
  app.use(correlateAndLog(deps.logger, httpRequestMetrics(app.get(METRICS_REGISTRY))));
  app.use(
    authenticate(
      createTokenVerifier(deps.verifier, { maxLifetimeSeconds: deps.config.tokens.maxLifetimeSeconds }),
      pages.liveSessions,
    ),
  );
  app.use(jsonBodies());
  app.use(checkCsrf(pages));
  app.useGlobalFilters(
    new ProblemFilter(deps.logger, [translateWriteError], (req, res, problem, id, headers) =>
      pages.sendProblem(req, res, problem, id, headers),
    ),
  );

  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
    customSiteTitle: 'Complaints API',
    swaggerOptions: { persistAuthorization: true },
  });
  await app.init();
  return app;
}
