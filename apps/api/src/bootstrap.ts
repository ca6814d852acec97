import fastifyCookie from '@fastify/cookie';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { type AppConfig, configureHttpApp, fastifyOptionsFor, type JsonLogger } from '@academie/server-core';
import { AppModule } from './app.module';

/** Builds the API application (used by main.ts and by the integration tests). */
export async function createApiApp(config: AppConfig, logger: JsonLogger): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, logger),
    new FastifyAdapter(fastifyOptionsFor(config)),
    // JSON only: Fastify's own JSON parser; no form or plain-text bodies (415 in the error format).
    { logger, bufferLogs: false, abortOnError: false, bodyParser: false },
  );
  // Cookies first: the refresh and CSRF cookies of the auth routes are parsed in an onRequest hook.
  await app.register(fastifyCookie);
  configureHttpApp(app, logger);

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Académie IA — API')
      .setDescription("API de la plateforme de formation du plan « Osez l'IA ».")
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Access token of POST /api/auth/login' })
      .addCookieAuth('academie_refresh', { type: 'apiKey', in: 'cookie', name: 'academie_refresh' })
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/openapi.json',
    useGlobalPrefix: false,
  });
  return app;
}
