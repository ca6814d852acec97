import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CatalogCache } from './catalog-cache';

/** The route whose answers are kept by URL, and their content type (the one CourseController declares). */
const SEARCH_ROUTE = '/api/courses';
export const SEARCH_CONTENT_TYPE = 'application/json; charset=utf-8';
const MAX_ANSWERS = 2_000;

interface Answer {
  bytes: Buffer;
  /** The catalogue cache's generation the answer was computed in. */
  generation: number;
}

/**
 * The search answers already sent, by exact URL, answered again at the start of the request (a Fastify `onRequest`
 * hook registered after the platform's own) without going through Nest's guards, pipes and handler. Only a URL
 * the whole pipeline answered 200 is kept, so validation keeps its outcome (a query that was valid is valid
 * again); the platform's hooks still run (request id, security and cache headers, access log, metrics), so the
 * answer, its status and headers are those the pipeline sends. An answer computed before the last catalogue
 * change is never served, nor any while the change notices are not heard (`CatalogCache.enabled`).
 *
 * Measured with the catalogue benchmark: a repeated search cost the API process about 0.9 ms of CPU through the
 * pipeline, mostly Nest's routing, the query's validation and serialization (docs/benchmarks.md).
 */
@Injectable()
export class SearchAnswers implements OnModuleInit {
  private readonly answers = new Map<string, Answer>();

  constructor(
    private readonly cache: CatalogCache,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify || typeof fastify.addHook !== 'function') return; // no HTTP server (an application context)
    fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => {
      if (request.method !== 'GET' || request.routeOptions?.url !== SEARCH_ROUTE) return done();
      const bytes = this.lookup(request.url);
      if (!bytes) return done();
      reply.header('content-type', SEARCH_CONTENT_TYPE);
      reply.send(bytes);
    });
  }

  /** The generation to pass to `keep` for an answer about to be computed. */
  get generation(): number {
    return this.cache.generationNow;
  }

  /** Keeps the answer the pipeline sends for this URL, computed in `generation`. */
  keep(url: string, bytes: Buffer, generation: number): void {
    if (!this.cache.enabled || generation !== this.cache.generationNow) return;
    if (this.answers.size >= MAX_ANSWERS) {
      // The older half goes (in the order they were kept).
      for (const key of this.answers.keys()) {
        this.answers.delete(key);
        if (this.answers.size < MAX_ANSWERS / 2) break;
      }
    }
    this.answers.set(url, { bytes, generation });
  }

  /** The answer kept for this URL, if it still holds. */
  lookup(url: string): Buffer | undefined {
    const answer = this.answers.get(url);
    if (!answer) return undefined;
    if (!this.cache.enabled || answer.generation !== this.cache.generationNow) {
      this.answers.delete(url);
      return undefined;
    }
    return answer.bytes;
  }
}
