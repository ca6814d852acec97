// What the learning and certificates journeys set up through the API before a learner opens the browser: a
// course of their own, published by the demo trainer and the demo reviewer (so that no other test's learner
// shares it), a fresh learner account, and a small WebM video recorded by Chromium for the video lesson.
import type {
  CreateCourseRequest,
  EnrollmentDetail,
  EnrollmentListResponse,
  LessonInput,
  MeResponse,
  SessionResponse,
  StudioCourse,
} from '@academie/contracts';
import { DEMO_ACCOUNTS } from '@academie/server-testing';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { webUrl } from './browser';

export const screenshotDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'tmp', 'screenshots');

export interface ApiAnswer<T> {
  status: number;
  body: T;
  headers: Headers;
}

/** A call to the API through the web origin, as the browser makes it. */
export async function api<T>(path: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(new URL(`/api${path}`, webUrl()), {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (a PDF, a VC-JWT): the text as is.
  }
  return { status: response.status, body: body as T, headers: response.headers };
}

/** Signs in through the API and returns the access token. */
export async function signInThroughApi(email: string, password: string): Promise<string> {
  const login = await api<SessionResponse>('/auth/login', { method: 'POST', body: { email, password } });
  if (login.status !== 200) throw new Error(`login ${email}: ${login.status} ${JSON.stringify(login.body)}`);
  return login.body.accessToken;
}

export function demoAccount(role: 'trainer' | 'reviewer' | 'admin') {
  const account = DEMO_ACCOUNTS.find((candidate) => candidate.role === role);
  if (!account) throw new Error(`no demo account for ${role}`);
  return account;
}

function expectStatus<T>(answer: ApiAnswer<T>, status: number, what: string): T {
  if (answer.status !== status) throw new Error(`${what}: expected ${status}, got ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

export interface PublishedCourse {
  courseId: string;
  slug: string;
  title: string;
  versionId: string;
  /** Lesson ids in course order. */
  lessonIds: string[];
}

/** Writes a one-module course as the demo trainer, and publishes it as the demo reviewer. */
export async function publishCourse(slug: string, title: string, lessons: LessonInput[]): Promise<PublishedCourse> {
  const trainer = demoAccount('trainer');
  const trainerToken = await signInThroughApi(trainer.email, trainer.password);
  const request: CreateCourseRequest = {
    kind: 'course',
    slug,
    title,
    summary: 'Un cours court écrit pour les tests de bout en bout : une lecture, une vidéo et un quiz.',
    level: 'decouverte',
    durationMinutes: 20,
    audiences: ['pme'],
    sectors: [],
    useCases: [],
    authorName: `${trainer.firstName} ${trainer.lastName}`,
  };
  const created = expectStatus(await api<StudioCourse>('/studio/courses', { method: 'POST', token: trainerToken, body: request }), 201, 'create course');
  const withModule = expectStatus(
    await api<StudioCourse>(`/studio/courses/${created.id}/draft/modules`, { method: 'POST', token: trainerToken, body: { title: 'L’essentiel' } }),
    201,
    'add module',
  );
  const moduleId = withModule.draft?.modules[0]?.id;
  if (!moduleId) throw new Error('no module in the draft');
  for (const lesson of lessons) {
    expectStatus(await api(`/studio/courses/${created.id}/draft/modules/${moduleId}/lessons`, { method: 'POST', token: trainerToken, body: lesson }), 201, `add lesson ${lesson.title}`);
  }
  const submitted = expectStatus(await api<StudioCourse>(`/studio/courses/${created.id}/draft/submit`, { method: 'POST', token: trainerToken }), 200, 'submit');
  const versionId = submitted.draft?.id;
  if (!versionId) throw new Error('no submitted version');

  const reviewer = demoAccount('reviewer');
  const reviewerToken = await signInThroughApi(reviewer.email, reviewer.password);
  const approved = await api(`/review/versions/${versionId}/approve`, { method: 'POST', token: reviewerToken });
  if (approved.status !== 200 && approved.status !== 201) throw new Error(`approve: ${approved.status} ${JSON.stringify(approved.body)}`);

  const lessonIds = (submitted.draft?.modules ?? []).flatMap((module) => module.lessons.map((lesson) => lesson.id));
  return { courseId: created.id, slug, title, versionId, lessonIds };
}

export interface Learner {
  firstName: string;
  lastName: string;
  email: string;
  password: string;
}

/** A new account (an unverified address can sign in and learn). */
export async function registerLearner(runId: string, label: string, firstName: string, lastName: string): Promise<Learner> {
  const learner = {
    firstName,
    lastName,
    email: `${label}.${runId}@example.fr`,
    password: 'Sept chouettes lisent à Lorient',
  };
  expectStatus(await api<MeResponse>('/auth/register', { method: 'POST', body: learner }), 201, 'register');
  return learner;
}

/** The learner's enrollment in a course, with each lesson's progress, as the API has it. */
export async function enrollmentOf(token: string, courseId: string): Promise<EnrollmentDetail> {
  const list = expectStatus(await api<EnrollmentListResponse>('/me/enrollments', { token }), 200, 'enrollments');
  const enrollment = list.items.find((item) => item.courseId === courseId);
  if (!enrollment) throw new Error(`not enrolled in ${courseId}`);
  return expectStatus(await api<EnrollmentDetail>(`/enrollments/${enrollment.id}`, { token }), 200, 'enrollment');
}

/**
 * A WebM video of `seconds` seconds (changing colours, 10 frames a second), recorded by Chromium itself: the
 * lesson's video file, served by the test in place of the author's host.
 */
export async function recordWebm(browser: Browser, seconds: number): Promise<Buffer> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const base64 = await page.evaluate(async (ms) => {
      const canvas = document.createElement('canvas');
      canvas.width = 320;
      canvas.height = 180;
      const context2d = canvas.getContext('2d');
      const recorder = new MediaRecorder(canvas.captureStream(10), { mimeType: 'video/webm;codecs=vp8' });
      const chunks: Blob[] = [];
      recorder.ondataavailable = (event) => chunks.push(event.data);
      let frame = 0;
      const paint = () => {
        if (context2d === null) return;
        context2d.fillStyle = `hsl(${(frame++ * 12) % 360}, 60%, 45%)`;
        context2d.fillRect(0, 0, 320, 180);
      };
      paint();
      const timer = setInterval(paint, 100);
      recorder.start();
      await new Promise((resolve) => setTimeout(resolve, ms));
      const stopped = new Promise((resolve) => (recorder.onstop = resolve));
      recorder.stop();
      await stopped;
      clearInterval(timer);
      const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
      let binary = '';
      for (const byte of bytes) binary += String.fromCharCode(byte);
      return btoa(binary);
    }, seconds * 1000);
    return Buffer.from(base64, 'base64');
  } finally {
    await context.close();
  }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  // The DSFR's icons are masks fetched on first use: wait for them.
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

/** Fills the sign-in form (the page must show it). */
export async function signInInBrowser(page: Page, learner: Pick<Learner, 'email' | 'password'>): Promise<void> {
  await page.getByRole('heading', { level: 1, name: /Connexion/ }).waitFor();
  await page.getByRole('textbox', { name: /^Adresse e-mail/ }).fill(learner.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(learner.password);
  await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
}

/** Reads `read()` until `accept` holds (every 200 ms), and returns that value; throws with the last one after `timeoutMs`. */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`still not as expected after ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Serves `body` as the video at `url` in this browser context, with byte ranges as a video host does (Chromium
 * seeks in a video only when its server takes ranges).
 */
export async function serveVideo(context: BrowserContext, url: string, body: Buffer): Promise<void> {
  await context.route(`${url}*`, (route) => {
    const headers = { 'content-type': 'video/webm', 'accept-ranges': 'bytes', 'cache-control': 'no-store' };
    const range = /^bytes=(\d+)-(\d*)$/.exec(route.request().headers().range ?? '');
    if (range === null) return route.fulfill({ status: 200, headers, body });
    const start = Number(range[1]);
    const end = range[2] ? Math.min(Number(range[2]), body.length - 1) : body.length - 1;
    return route.fulfill({ status: 206, headers: { ...headers, 'content-range': `bytes ${start}-${end}/${body.length}` }, body: body.subarray(start, end + 1) });
  });
}
