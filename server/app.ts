import 'reflect-metadata';
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { DataSource } from 'typeorm';
import type { AppConfig } from './config';
import { primaryPool } from './db/prepared';
import { hasReplicas } from './db/replica';
import type { Context } from './context';
import { fieldAccessPlugin } from './auth/access-rules';
import { retryAfterPlugin } from './auth/rate-limit';
import { formatError } from './errors/format-error';
import { createLoaders } from './graphql/loaders';
import { exportsRouter } from './modules/analytics/exports';
import { followUpRouter } from './modules/follow-up/follow-up-http';
import { evidenceRouter } from './modules/evidence/evidence-http';
import { openDataRouter } from './modules/analytics/open-data';
import { publicGraphqlCache } from './graphql/public-cache';
import { AggregateResponseCache, stringifyResult } from './graphql/aggregate-response-cache';
import { jitGateway } from './graphql/jit-executor';
import { admitRequests, admittedOf, admitter, Preflight } from './graphql/limits/admission';
import { CostAnalyzer, defaultCostOptions } from './graphql/limits/cost';
import { limitInFlight } from './graphql/limits/in-flight';
import { apiLimitsPlugin, budgetStoreFor } from './graphql/limits/plugin';
import { knownOperationTypes, rejectUnstorableText } from './graphql/request-checks';
import { registerJobMetrics } from './jobs/job-metrics';
import { graphqlOperationMetrics, requestIdOf, scopeOfRequest, setUpObservability } from './observability';
import { log } from './request-scope';
import { buildAppSchema } from './schema';
import { createServices, type Services } from './services';
import { escapeHtml } from './text';

export type RunningApp = { url: string; services: Services; stop(): Promise<void> };

/** Starts the HTTP server: /graphql, health checks, the built client, the dev outbox. */
export const startApp = async (dataSource: DataSource, config: AppConfig): Promise<RunningApp> => {
  const app = express();
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  const observability = setUpObservability(app, {
    level: config.logLevel,
    destination: config.logDestination,
    pool: primaryPool(dataSource),
  });
  const operationMetrics = graphqlOperationMetrics(observability.registry, {
    maxOperations: config.graphqlMetricsMaxOperations,
  });
  // Security headers (CSP: everything from this origin; Vue and chart.js set inline styles).
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:', 'blob:'] },
      },
    }),
  );
  // Cross-origin callers (e.g. a partner's web app) only from configured origins; none by default.
  app.use(cors({ origin: config.corsOrigins.length > 0 ? config.corsOrigins : false }));
  const httpServer = http.createServer(app);
  let publicUrl = config.publicUrl ?? '';
  const services = createServices(dataSource, config, () => publicUrl, observability.logger);
  registerJobMetrics(observability.registry, services.jobs);

  const schema = await buildAppSchema();
  const costAnalyzer = new CostAnalyzer(schema, defaultCostOptions);
  const budgets = budgetStoreFor(config.apiLimits, primaryPool(dataSource));
  const admit = admitter(
    new Preflight(schema, costAnalyzer, config.apiLimits, { aggregateVersions: !hasReplicas(dataSource) }),
    services.sessions,
    budgets,
    config.apiLimits.budgets.account,
    dataSource,
  );
  const aggregateAnswers = new AggregateResponseCache(dataSource);
  const apollo = new ApolloServer<Context>({
    // graphql-jit executes through Apollo's gateway interface, the only place Apollo takes an executor.
    ...(config.graphqlJit ? { gateway: jitGateway(schema) } : { schema }),
    formatError,
    stringifyResult,
    introspection: true,
    // Depth, alias and cost limits and per-caller budgets (server/graphql/limits); tokens are limited at parse.
    parseOptions: { maxTokens: config.apiLimits.maxTokens },
    validationRules: [knownOperationTypes],
    plugins: [
      operationMetrics.plugin(),
      rejectUnstorableText(),
      fieldAccessPlugin(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginCacheControlDisabled(),
      // Apollo's landing page loads its sandbox from Apollo's CDN: browsers go to /workbench instead.
      ApolloServerPluginLandingPageDisabled(),
      apiLimitsPlugin(config.apiLimits, budgets, costAnalyzer),
      retryAfterPlugin(),
      aggregateAnswers.plugin(),
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    // Bounded (docs/operations.md, "Bounded waits"): not ready unless the pool hands out a connection
    // and it answers within DATABASE_READY_TIMEOUT_MS, whether the database is stopped, unreachable,
    // hung (accepts connections but answers nothing) or every pooled connection is busy.
    const bound = config.databaseWaits.readyMs;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        // node-postgres' own timeout too, so a hung server does not keep the connection past the answer.
        primaryPool(dataSource).query({ text: 'SELECT 1', query_timeout: bound } as never),
        new Promise((_resolve, reject) => {
          timer = setTimeout(() => reject(new Error('readiness check timed out')), bound);
        }),
      ]);
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'unavailable' });
    } finally {
      clearTimeout(timer);
    }
  });

  // Import templates (static, public): the columns of the plan table.
  app.get('/templates/projects.xlsx', async (_req, res) => {
    res
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .attachment('แบบฟอร์มนำเข้าโครงการ.xlsx')
      .send(await services.projectImport.templateXlsx());
  });
  app.get('/templates/projects.csv', (_req, res) => {
    res
      .type('text/csv; charset=utf-8')
      .attachment('แบบฟอร์มนำเข้าโครงการ.csv')
      .send(services.projectImport.templateCsv());
  });
  // The DLA master list of LAOs (NACC central imports it; the template itself holds no data).
  app.get('/templates/laos.xlsx', async (_req, res) => {
    res
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .attachment('แบบฟอร์มนำเข้ารายชื่อ อปท.xlsx')
      .send(await services.laoImport.templateXlsx());
  });
  app.get('/templates/laos.csv', (_req, res) => {
    res
      .type('text/csv; charset=utf-8')
      .attachment('แบบฟอร์มนำเข้ารายชื่อ อปท.csv')
      .send(services.laoImport.templateCsv());
  });

  // ITA scores (NACC central imports them): LAO code, fiscal year, score.
  app.get('/templates/ita.xlsx', async (_req, res) => {
    res
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .attachment('แบบฟอร์มนำเข้าคะแนน ITA.xlsx')
      .send(await services.ita.templateXlsx());
  });
  app.get('/templates/ita.csv', (_req, res) => {
    res
      .type('text/csv; charset=utf-8')
      .attachment('แบบฟอร์มนำเข้าคะแนน ITA.csv')
      .send(services.ita.templateCsv());
  });

  // Site-visit files (upload, download) and the problems export: signed-in, before the public exports.
  app.use(followUpRouter(services, config.siteVisitFileMaxBytes));
  app.use(evidenceRouter(services, config.evidenceFileMaxBytes));
  app.use(exportsRouter(services));
  app.use(openDataRouter(services, config.openData, config.databaseWaits.long));

  // A browser opening /graphql (a GET that prefers HTML, as Apollo decides for its landing page) gets
  // the app's own GraphQL workbench; API GETs and POSTs go on to Apollo unchanged.
  app.get('/graphql', (req, res, next) => {
    const wanted = req.accepts(['application/json', 'application/graphql-response+json', 'text/html']);
    if (req.headers.accept && wanted === 'text/html') res.redirect(302, '/workbench');
    else next();
  });
  app.use(
    '/graphql',
    // First: its time covers everything below, including answers from the caches and refusals.
    operationMetrics.middleware,
    // Spreadsheet imports arrive base64-encoded inside the request.
    express.json({ limit: '5mb' }),
    publicGraphqlCache({ ttlSeconds: config.publicCacheSeconds, maxTokens: config.apiLimits.maxTokens }),
    // Past the shared cache (its hits cost next to nothing), before anything that works for the request.
    limitInFlight(config.graphqlInFlight),
    admitRequests(admit),
    aggregateAnswers.answerAhead(config.apiLimits),
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<Context> => {
        const scope = scopeOfRequest(req);
        return {
          ...(await (admittedOf(req) ?? admit(req.headers.authorization, req.body))),
          services,
          loaders: createLoaders(dataSource),
          requestId: requestIdOf(req),
          clientAddress: req.ip ?? 'unknown',
          userAgent: req.headers['user-agent'] ?? null,
          // The request's logger as it is when read: with the operation's name once Apollo resolved it.
          get log() {
            return scope?.logger ?? log();
          },
        };
      },
    }),
  );

  if (config.devOutbox) {
    app.get('/dev/outbox', (_req, res) => {
      const items = services.mailer.outbox
        .map(
          (mail) =>
            `<article><h2>${escapeHtml(mail.subject)}</h2><p>ถึง ${escapeHtml(mail.to)} · ${mail.sentAt.toISOString()}</p><pre>${escapeHtml(mail.text)}</pre></article>`,
        )
        .join('<hr>');
      res
        .type('html')
        .send(
          `<!doctype html><html lang="th"><meta charset="utf-8"><title>Dev outbox</title><h1>กล่องจดหมายขาออก (เฉพาะการพัฒนา)</h1>${items || '<p>ยังไม่มีจดหมาย</p>'}</html>`,
        );
    });
  }

  if (config.clientDir && existsSync(path.join(config.clientDir, 'index.html'))) {
    const clientDir = config.clientDir;
    // The analyst workbench (GraphiQL, its own page of the client build); /graphql decides what each caller reads.
    if (existsSync(path.join(clientDir, 'workbench.html'))) {
      app.get('/workbench', (_req, res) => {
        res.sendFile(path.join(clientDir, 'workbench.html'));
      });
    }
    app.use(express.static(clientDir, { index: false, maxAge: '1h' }));
    app.get('/{*splat}', (_req, res) => {
      res.sendFile(path.join(clientDir, 'index.html'));
    });
  }

  // Bodies Express could not read: a JSON answer with a code, not an HTML page.
  app.use((error: { type?: string; status?: number }, _req: Request, res: Response, next: NextFunction) => {
    if (error.type === 'entity.too.large') {
      res.status(413).json({ code: 'PAYLOAD_TOO_LARGE', message: 'ข้อมูลที่ส่งมีขนาดใหญ่เกินกำหนด (5 MB)' });
    } else if (error.type === 'entity.parse.failed') {
      res.status(400).json({ code: 'BAD_REQUEST', message: 'รูปแบบข้อมูลที่ส่งไม่ถูกต้อง (JSON)' });
    } else if (typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
      // Any other body the parser refused (unknown charset or content encoding, a broken gzip stream).
      res.status(error.status).json({
        code: 'BAD_REQUEST',
        message: 'อ่านข้อมูลที่ส่งไม่ได้ กรุณาส่งเป็น JSON แบบ UTF-8 (ไม่บีบอัด หรือบีบอัดแบบ gzip)',
      });
    } else {
      next(error);
    }
  });

  // The job queue: mail delivery and the reminder schedule (docs/operations.md, "Jobs and mail").
  await services.jobs.start();

  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  publicUrl ||= url;

  return {
    url,
    services,
    stop: async () => {
      await apollo.stop(); // drains in-flight requests, then closes the HTTP server
      await services.jobs.stop(); // lets a mail in hand finish; the rest waits in the queue
      services.mailer.close();
    },
  };
};
