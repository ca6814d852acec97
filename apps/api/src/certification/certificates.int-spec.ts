// Certificates through the API: verification by code (page data, PDF, credential), the learner's own certificates,
// revocation and the status list, the achievement pages and the keys, rate limits, erasure. Certificates are issued
// by the worker's issuance service, called in-process on the test's database.
import 'reflect-metadata';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import {
  type AdminCertificateList,
  type CertificateVerification,
  ERASED_NAME_TEXT,
  type ErrorBody,
  type MyCertificateList,
  type NotificationList,
  formatCertificateCode,
} from '@academie/contracts';
import { statusListEntry } from '@academie/server-certification';
import { type TestApi, type TestUser, createTestUser, errorFormat, startTestApi } from '@academie/server-testing';
import { createApiApp } from '../bootstrap';
import { type Completion, Issuer, type PublishedCourse, completionOf, publishedCourses } from './certification-kit';

const PUBLIC_BASE_URL = 'https://academie.test';

let t: TestApi<Awaited<ReturnType<typeof createApiApp>>>;
let issuer: Issuer;
let courses: PublishedCourse[];
let marie: TestUser;
let marieToken: string;
let other: TestUser;
let otherToken: string;
let adminToken: string;
let marieCompletion: Completion;
let marieCode: string;

beforeAll(async () => {
  t = await startTestApi(createApiApp, { seed: true, overrides: { PUBLIC_BASE_URL, RATE_LIMIT_CERTIFICATE_PER_IP: '1000' } });
  issuer = await Issuer.start(t.config);
  courses = await publishedCourses(t.db);
  marie = await createTestUser(t.db, { firstName: 'Marie-Hélène', lastName: 'Lœb' });
  other = await createTestUser(t.db, { firstName: 'Paul', lastName: 'Autre' });
  const admin = await createTestUser(t.db, { roles: ['admin'] });
  [marieToken, otherToken, adminToken] = await Promise.all(
    [marie, other, admin].map(async (u) => (await t.api.login(u.email, u.password)).accessToken),
  );
  marieCompletion = completionOf(marie.id, courses[0]);
  const outcome = await issuer.issue(marieCompletion);
  if (!outcome.issued) throw new Error('not issued');
  marieCode = outcome.code;
});

afterAll(async () => {
  await issuer?.close();
  await t?.close();
});

const get = <T>(url: string, token?: string, ip?: string) => t.api.call<T>({ url, token, ip });
const jwksAt = async (url: string) => createLocalJWKSet((await get<{ keys: unknown[] }>(url)).body as never);

describe('issuance', () => {
  it('writes one certificate with what is printed, a notification and the e-mail in the outbox', async () => {
    const { rows } = await t.db.query(
      `SELECT id, code, enrollment_id, user_id, course_id, version_id, course_title, version_number, duration_minutes, printed_name,
              completed_at, status_index, signing_kid, credential_jwt IS NOT NULL AS signed
         FROM certificate`,
    );
    expect(rows).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        code: marieCode,
        enrollment_id: marieCompletion.enrollmentId,
        user_id: marie.id,
        course_id: courses[0].courseId,
        version_id: courses[0].versionId,
        course_title: courses[0].title,
        version_number: courses[0].number,
        duration_minutes: courses[0].durationMinutes,
        printed_name: 'Marie-Hélène Lœb',
        completed_at: new Date(marieCompletion.completedAt),
        status_index: expect.any(String),
        signing_kid: expect.any(String),
        signed: true,
      },
    ]);
    const issuedAt = (await t.db.query(`SELECT issued_at FROM certificate`)).rows[0].issued_at as Date;
    const events = await t.db.query(`SELECT payload FROM outbox_event WHERE type = 'certificate.issued'`);
    expect(events.rows).toEqual([
      {
        payload: {
          certificateId: rows[0].id,
          enrollmentId: marieCompletion.enrollmentId,
          userId: marie.id,
          courseId: courses[0].courseId,
          versionId: courses[0].versionId,
          issuedAt: issuedAt.toISOString(),
          countsTowardGoal: true,
        },
      },
    ]);
    const notifications = await t.db.query(`SELECT user_id, kind, subject_id FROM notification`);
    expect(notifications.rows).toEqual([{ user_id: marie.id, kind: 'certificate.issued', subject_id: rows[0].id }]);
    const mails = await t.db.query(
      `SELECT m.to_address, m.template, m.params, e.type FROM mail_message m JOIN outbox_event e ON e.payload->>'mailMessageId' = m.id::text`,
    );
    expect(mails.rows).toEqual([
      {
        to_address: marie.email,
        template: 'certificate-issued',
        params: { firstName: 'Marie-Hélène', courseTitle: courses[0].title, code: formatCertificateCode(marieCode) },
        type: 'mail.send',
      },
    ]);
  });

  it('issues nothing twice: the same completion again, or another enrollment of the same course', async () => {
    expect(await issuer.issue(marieCompletion)).toEqual({ issued: false, reason: 'exists' });
    expect(await issuer.issue({ ...marieCompletion, enrollmentId: '6f1c7a52-3b9e-4d2a-8c51-0e7d9f4b2a13' })).toEqual({ issued: false, reason: 'exists' });
    const counts = await t.db.query(
      `SELECT (SELECT count(*)::int FROM certificate) AS certificates, (SELECT count(*)::int FROM notification) AS notifications,
              (SELECT count(*)::int FROM mail_message WHERE template = 'certificate-issued') AS mails,
              (SELECT count(*)::int FROM outbox_event WHERE type = 'certificate.issued') AS events`,
    );
    expect(counts.rows[0]).toEqual({ certificates: 1, notifications: 1, mails: 1, events: 1 });
  });

  it('refuses a completion of an unknown learner or of a version outside its course, issuing nothing', async () => {
    await expect(issuer.issue(completionOf('00000000-0000-4000-8000-000000000000', courses[1]))).rejects.toThrow(/unknown learner/);
    await expect(issuer.issue({ ...completionOf(other.id, courses[1]), versionId: courses[2].versionId })).rejects.toThrow(
      /not a published version/,
    );
    await expect(issuer.issue({ ...completionOf(other.id, courses[1]), enrollmentId: 'nope' })).rejects.toThrow(/enrollmentId must be a UUID/);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM certificate WHERE user_id = $1`, [other.id])).rows[0].n).toBe(0);
  });
});

describe('verification by code (public)', () => {
  it('answers valid with the course, the date and the name as printed, whatever the case and grouping of the code', async () => {
    for (const written of [formatCertificateCode(marieCode), marieCode.toLowerCase(), formatCertificateCode(marieCode).replace(/-/g, ' ')]) {
      const { status, body } = await get<CertificateVerification>(`/api/certificates/${encodeURIComponent(written)}`);
      expect(status).toBe(200);
      expect(body).toEqual({
        code: formatCertificateCode(marieCode),
        status: 'valid',
        learnerName: 'Marie-Hélène Lœb',
        displayedName: 'Marie-Hélène Lœb',
        nameErased: false,
        course: {
          id: courses[0].courseId,
          title: courses[0].title,
          versionId: courses[0].versionId,
          versionNumber: courses[0].number,
          durationMinutes: courses[0].durationMinutes,
        },
        completedAt: marieCompletion.completedAt,
        issuedAt: expect.any(String),
        revokedAt: null,
        issuer: { name: "Académie de l'IA", url: PUBLIC_BASE_URL },
        verificationUrl: `${PUBLIC_BASE_URL}/verifier/${formatCertificateCode(marieCode)}`,
        pdfUrl: `${PUBLIC_BASE_URL}/api/certificates/${formatCertificateCode(marieCode)}/pdf`,
        credentialUrl: `${PUBLIC_BASE_URL}/api/certificates/${formatCertificateCode(marieCode)}/credential`,
      });
    }
  });

  it('answers 404 for an unknown code and 400 for what cannot be one, in the error format', async () => {
    const unknown = await get<ErrorBody>('/api/certificates/0000-0000-0000-0000');
    expect(unknown.status).toBe(404);
    expect(errorFormat(unknown.body, 404).details).toEqual([{ field: 'code', reason: 'unknown' }]);
    for (const bad of ['ABC', 'UUUU-UUUU-UUUU-UUUU', `${'A'.repeat(41)}`, '%C3%A9%C3%A9']) {
      for (const suffix of ['', '/pdf', '/credential']) {
        const response = await get<ErrorBody>(`/api/certificates/${bad}${suffix}`);
        expect(response.status).toBe(400);
        expect(errorFormat(response.body, 400).details[0].field).toBe('code');
      }
    }
  });

  it('serves the PDF, byte-identical at each download', async () => {
    const first = await t.app.getHttpAdapter().getInstance().inject({ url: `/api/certificates/${marieCode}/pdf` });
    const second = await t.app.getHttpAdapter().getInstance().inject({ url: `/api/certificates/${formatCertificateCode(marieCode)}/pdf` });
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('application/pdf');
    expect(first.headers['content-disposition']).toBe(`inline; filename="certificat-${formatCertificateCode(marieCode)}.pdf"`);
    expect(first.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(first.rawPayload.equals(second.rawPayload)).toBe(true);
  });

  it('serves the credential as a VC-JWT that jose verifies with the JWKS published at both addresses, and refuses it with one byte changed', async () => {
    const response = await t.app.getHttpAdapter().getInstance().inject({ url: `/api/certificates/${marieCode}/credential` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vc+jwt');
    const jwt = response.body;
    const [root, prefixed] = await Promise.all([get<{ keys: unknown[] }>('/.well-known/jwks.json'), get<{ keys: unknown[] }>('/api/.well-known/jwks.json')]);
    expect(root.status).toBe(200);
    expect(root.body).toEqual(prefixed.body);
    expect(decodeProtectedHeader(jwt)).toMatchObject({ alg: 'RS256', typ: 'vc+jwt', kid: (root.body.keys[0] as { kid: string }).kid });
    const { payload } = await jwtVerify(jwt, await jwksAt('/.well-known/jwks.json'), { algorithms: ['RS256'], typ: 'vc+jwt' });
    expect(payload).toMatchObject({
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: `${PUBLIC_BASE_URL}/api/issuer`, name: "Académie de l'IA" },
      validFrom: '2026-03-12T10:15:30Z',
      credentialSubject: { achievement: { id: `${PUBLIC_BASE_URL}/api/achievements/${courses[0].courseId}`, name: courses[0].title } },
      credentialStatus: { type: 'BitstringStatusListEntry', statusListCredential: `${PUBLIC_BASE_URL}/api/credentials/status/1` },
    });
    expect(JSON.stringify(payload)).not.toContain(marie.email);
    expect(JSON.stringify(payload)).not.toContain('Lœb');
    const bytes = Buffer.from(jwt);
    bytes[Math.floor(bytes.length * 0.6)] ^= 0x01;
    await expect(jwtVerify(bytes.toString(), await jwksAt('/.well-known/jwks.json'))).rejects.toThrow();
  });

  it('serves the achievement of each course and the issuer profile, public and cacheable', async () => {
    const achievement = await get<Record<string, unknown>>(`/api/achievements/${courses[0].courseId}`);
    expect(achievement.status).toBe(200);
    expect(achievement.headers['cache-control']).toBe('public, max-age=300');
    expect(achievement.body).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      id: `${PUBLIC_BASE_URL}/api/achievements/${courses[0].courseId}`,
      type: ['Achievement'],
      name: courses[0].title,
      criteria: { narrative: expect.stringContaining(courses[0].title) },
    });
    expect((await get<ErrorBody>('/api/achievements/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await get<ErrorBody>('/api/achievements/nope')).body.details).toEqual([{ field: 'courseId', reason: 'must be a UUID' }]);
    expect((await get('/api/issuer')).body).toMatchObject({ id: `${PUBLIC_BASE_URL}/api/issuer`, type: ['Profile'], name: "Académie de l'IA" });
  });
});

describe('the learner’s own certificates and notifications', () => {
  it('lists only the caller’s certificates: another learner sees none of Marie’s', async () => {
    const mine = await get<MyCertificateList>('/api/me/certificates', marieToken);
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((c) => [c.code, c.learnerName])).toEqual([[formatCertificateCode(marieCode), 'Marie-Hélène Lœb']]);
    const theirs = await get<MyCertificateList>('/api/me/certificates', otherToken);
    expect(theirs.status).toBe(200);
    expect(theirs.body.items).toEqual([]);
    expect((await get<ErrorBody>('/api/me/certificates')).status).toBe(401);
  });

  it('shows the notification, marks it read, and never someone else’s', async () => {
    const list = await get<NotificationList>('/api/me/notifications', marieToken);
    expect(list.body).toEqual({
      items: [
        {
          id: expect.any(String),
          kind: 'certificate.issued',
          createdAt: expect.any(String),
          readAt: null,
          title: 'Votre certificat est prêt',
          message: `Vous avez terminé le cours « ${courses[0].title} » : votre certificat de réussite est disponible.`,
          link: `/verifier/${formatCertificateCode(marieCode)}`,
        },
      ],
      unreadCount: 1,
      nextCursor: null,
    });
    const id = list.body.items[0].id;
    const foreign = await t.api.call<ErrorBody>({ method: 'POST', url: `/api/me/notifications/${id}/read`, token: otherToken });
    expect(foreign.status).toBe(404);
    expect((await get<NotificationList>('/api/me/notifications', otherToken)).body).toEqual({ items: [], unreadCount: 0, nextCursor: null });
    const read = await t.api.call<{ readAt: string }>({ method: 'POST', url: `/api/me/notifications/${id}/read`, token: marieToken });
    expect(read.status).toBe(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    expect((await get<NotificationList>('/api/me/notifications', marieToken)).body.unreadCount).toBe(0);
    const all = await t.api.call<{ marked: number }>({ method: 'POST', url: '/api/me/notifications/read-all', token: marieToken });
    expect(all.body).toEqual({ marked: 0 });
  });

  it('pages notifications by keyset and refuses bad ids, cursors and limits with a 400 naming the field', async () => {
    for (const course of courses.slice(1, 4)) await issuer.issue(completionOf(other.id, course));
    const first = await get<NotificationList>('/api/me/notifications?limit=2', otherToken);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.unreadCount).toBe(3);
    const second = await get<NotificationList>(`/api/me/notifications?limit=2&cursor=${first.body.nextCursor}`, otherToken);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    expect(new Set([...first.body.items, ...second.body.items].map((n) => n.id)).size).toBe(3);
    const all = await t.api.call<{ marked: number }>({ method: 'POST', url: '/api/me/notifications/read-all', token: otherToken });
    expect(all.body).toEqual({ marked: 3 });
    for (const [url, field] of [
      ['/api/me/notifications?cursor=abc', 'cursor'],
      ['/api/me/notifications?limit=0', 'limit'],
      ['/api/me/notifications?limit=x', 'limit'],
    ]) {
      const response = await get<ErrorBody>(url, otherToken);
      expect(response.status).toBe(400);
      expect(errorFormat(response.body, 400).details[0].field).toBe(field);
    }
    for (const id of ['abc', '0', '99999999999999999999']) {
      const response = await t.api.call<ErrorBody>({ method: 'POST', url: `/api/me/notifications/${id}/read`, token: otherToken });
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([{ field: 'id', reason: 'must be a notification id' }]);
    }
    expect((await t.api.call({ method: 'POST', url: '/api/me/notifications/read-all' })).status).toBe(401);
  });
});

describe('finding a certificate (administrators)', () => {
  it('finds a certificate by its code in any spelling, or every certificate of an exact e-mail address; 400 for anything else', async () => {
    const url = (q: string) => `/api/admin/certificates?q=${encodeURIComponent(q)}`;
    expect((await get(url(marieCode))).status).toBe(401);
    expect((await get(url(marieCode), marieToken)).status).toBe(403);
    const byCode = await get<AdminCertificateList>(url(formatCertificateCode(marieCode).toLowerCase()), adminToken);
    expect(byCode.status).toBe(200);
    expect(byCode.body.items).toEqual([
      expect.objectContaining({ code: formatCertificateCode(marieCode), userId: marie.id, status: 'valid', revocationReason: null, displayedName: 'Marie-Hélène Lœb' }),
    ]);
    const byEmail = await get<AdminCertificateList>(url(`  ${marie.email.toUpperCase()} `), adminToken);
    expect(byEmail.body.items.map((item) => item.code)).toEqual([formatCertificateCode(marieCode)]);
    expect((await get<AdminCertificateList>(url('personne@example.fr'), adminToken)).body.items).toEqual([]);
    expect((await get<AdminCertificateList>(url('0000-0000-0000-0000'), adminToken)).body.items).toEqual([]);
    // A part of a name or of an address is not searched: only what a unique index finds.
    for (const q of ['Marie', '']) {
      const bad = await get<ErrorBody>(url(q), adminToken);
      expect(errorFormat(bad.body, 400).details[0].field).toBe('q');
    }
  });
});

describe('revocation and the status list', () => {
  async function statusOf(code: string): Promise<boolean> {
    const credential = (await t.app.getHttpAdapter().getInstance().inject({ url: `/api/certificates/${code}/credential` })).body;
    const { payload } = await jwtVerify(credential, await jwksAt('/api/.well-known/jwks.json'));
    const entry = payload.credentialStatus as { statusListIndex: string; statusListCredential: string };
    const list = await t.app.getHttpAdapter().getInstance().inject({ url: new URL(entry.statusListCredential).pathname });
    expect(list.statusCode).toBe(200);
    expect(list.headers['content-type']).toBe('application/vc+jwt');
    const verified = await jwtVerify(list.body, await jwksAt('/api/.well-known/jwks.json'), { typ: 'vc+jwt' });
    expect(verified.payload).toMatchObject({
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      credentialSubject: { type: 'BitstringStatusList', statusPurpose: 'revocation' },
    });
    return statusListEntry((verified.payload.credentialSubject as { encodedList: string }).encodedList, Number(entry.statusListIndex));
  }

  it('is for administrators: 401, 403, 400 for a bad code or reason, 404 for an unknown code', async () => {
    const url = `/api/admin/certificates/${marieCode}/revoke`;
    expect((await t.api.call({ method: 'POST', url, payload: { reason: 'Fraude' } })).status).toBe(401);
    expect((await t.api.call({ method: 'POST', url, payload: { reason: 'Fraude' }, token: marieToken })).status).toBe(403);
    const short = await t.api.call<ErrorBody>({ method: 'POST', url, payload: { reason: ' x ' }, token: adminToken });
    expect(short.status).toBe(400);
    expect(short.body.details[0].field).toBe('reason');
    const extra = await t.api.call<ErrorBody>({ method: 'POST', url, payload: { reason: 'Fraude', more: 1 }, token: adminToken });
    expect(extra.body.details).toEqual([{ field: 'more', reason: 'property more should not exist' }]);
    const bad = await t.api.call<ErrorBody>({ method: 'POST', url: '/api/admin/certificates/x/revoke', payload: { reason: 'Fraude' }, token: adminToken });
    expect(bad.status).toBe(400);
    const unknown = await t.api.call<ErrorBody>({
      method: 'POST',
      url: '/api/admin/certificates/0000000000000000/revoke',
      payload: { reason: 'Fraude' },
      token: adminToken,
    });
    expect(unknown.status).toBe(404);
    expect(await statusOf(marieCode)).toBe(false);
  });

  it('revokes: the page says revoked, the PDF is gone, the status list sets the bit, the audit log keeps the reason', async () => {
    const otherCode = (await t.db.query(`SELECT code FROM certificate WHERE user_id = $1 LIMIT 1`, [other.id])).rows[0].code as string;
    const revoked = await t.api.call<CertificateVerification>({
      method: 'POST',
      url: `/api/admin/certificates/${formatCertificateCode(marieCode)}/revoke`,
      payload: { reason: 'Complétion obtenue par fraude' },
      token: adminToken,
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', revokedAt: expect.any(String) });
    expect((await get<CertificateVerification>(`/api/certificates/${marieCode}`)).body.status).toBe('revoked');
    expect((await get<ErrorBody>(`/api/certificates/${marieCode}/pdf`)).status).toBe(410);
    expect(await statusOf(marieCode)).toBe(true);
    expect(await statusOf(otherCode)).toBe(false); // its neighbour stays valid
    const again = await t.api.call<ErrorBody>({
      method: 'POST',
      url: `/api/admin/certificates/${marieCode}/revoke`,
      payload: { reason: 'Encore' },
      token: adminToken,
    });
    expect(again.status).toBe(409);
    const audit = await t.db.query(`SELECT action, target_type, details FROM audit_log WHERE action = 'certificate.revoked'`);
    expect(audit.rows).toEqual([
      { action: 'certificate.revoked', target_type: 'certificate', details: { code: marieCode, reason: 'Complétion obtenue par fraude' } },
    ]);
  });

  it('answers 404 for a list no certificate reached, 400 for a bad list number', async () => {
    expect((await get<ErrorBody>('/api/credentials/status/2')).status).toBe(404);
    for (const list of ['0', 'x', '01', '1000000']) {
      const response = await get<ErrorBody>(`/api/credentials/status/${list}`);
      expect(response.status).toBe(400);
      expect(response.body.details[0].field).toBe('list');
    }
  });
});

describe('rate limits', () => {
  it('counts the public certificate routes per client IP and answers 429 with Retry-After beyond the limit', async () => {
    const limited = await startTestApi(createApiApp, {
      databaseUrl: t.databaseUrl,
      overrides: { PUBLIC_BASE_URL, RATE_LIMIT_CERTIFICATE_PER_IP: '3', REDIS_PREFIX: `${t.config.REDIS_PREFIX}-limited` },
    });
    try {
      const call = (url: string, ip: string) => limited.api.call<ErrorBody>({ url, ip });
      expect((await call(`/api/certificates/${marieCode}`, '203.0.113.7')).status).toBe(200);
      expect((await call(`/api/certificates/nope`, '203.0.113.7')).status).toBe(400);
      expect((await call(`/api/certificates/${marieCode}/credential`, '203.0.113.7')).status).toBe(200);
      const refused = await call(`/api/certificates/${marieCode}/pdf`, '203.0.113.7');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      errorFormat(refused.body, 429);
      expect((await call(`/api/certificates/${marieCode}`, '203.0.113.8')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('erasure', () => {
  it('keeps the certificate valid with the erasure sentence instead of the name, drops the credential and the notifications', async () => {
    const erin = await createTestUser(t.db, { firstName: 'Erin', lastName: 'Effacée' });
    const token = (await t.api.login(erin.email, erin.password)).accessToken;
    const outcome = await issuer.issue(completionOf(erin.id, courses[0]));
    if (!outcome.issued) throw new Error('not issued');
    const exported = await get<{ contexts: Record<string, { data: { certificates: unknown[]; notifications: unknown[] } }> }>('/api/me/export', token);
    expect(exported.body.contexts.certification.data.certificates).toEqual([expect.objectContaining({ learnerName: 'Erin Effacée' })]);
    expect(exported.body.contexts.certification.data.notifications).toHaveLength(1);
    const pdfBefore = (await t.app.getHttpAdapter().getInstance().inject({ url: `/api/certificates/${outcome.code}/pdf` })).rawPayload;

    expect((await t.api.call({ method: 'DELETE', url: '/api/me', token })).status).toBe(204);

    const after = await get<CertificateVerification>(`/api/certificates/${outcome.code}`);
    expect(after.body).toMatchObject({ status: 'valid', learnerName: null, nameErased: true, displayedName: ERASED_NAME_TEXT, credentialUrl: null });
    expect(JSON.stringify(after.body)).not.toContain('Erin');
    expect((await get<ErrorBody>(`/api/certificates/${outcome.code}/credential`)).status).toBe(410);
    const pdfAfter = (await t.app.getHttpAdapter().getInstance().inject({ url: `/api/certificates/${outcome.code}/pdf` })).rawPayload;
    expect(pdfAfter.equals(pdfBefore)).toBe(false);
    const rows = await t.db.query(`SELECT printed_name, name_erased_at, credential_jwt FROM certificate WHERE user_id = $1`, [erin.id]);
    expect(rows.rows).toEqual([{ printed_name: null, name_erased_at: expect.any(Date), credential_jwt: null }]);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM notification WHERE user_id = $1`, [erin.id])).rows[0].n).toBe(0);
  });

  it('issues a completion handled after the erasure without name, credential, notification nor e-mail', async () => {
    const gone = await createTestUser(t.db, { firstName: 'Gaston', lastName: 'Parti' });
    await t.db.query(
      `UPDATE app_user SET email = NULL, password_hash = NULL, first_name = '', last_name = '', erased_at = now() WHERE id = $1`,
      [gone.id],
    );
    const outcome = await issuer.issue(completionOf(gone.id, courses[1]));
    if (!outcome.issued) throw new Error('not issued');
    const { body } = await get<CertificateVerification>(`/api/certificates/${outcome.code}`);
    expect(body).toMatchObject({ status: 'valid', nameErased: true, credentialUrl: null });
    expect((await t.db.query(`SELECT count(*)::int AS n FROM notification WHERE user_id = $1`, [gone.id])).rows[0].n).toBe(0);
  });
});
