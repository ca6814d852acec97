import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { findPublishedCourse } from '@academie/server-catalog';
import { CertificationError } from '../certification.errors';
import { CredentialService } from './credential.service';
import type { Jwks } from './credential-keys';
import { OB3_CONTEXT, VC_CONTEXT, issuerProfile } from './issuer';
import { type Achievement, achievementFor } from './open-badge';
import { STATUS_LIST_SIZE } from './status-list';

/** How long a process reuses a status list it signed: a revocation shows within this delay (and the HTTP cache's). */
export const STATUS_LIST_CACHE_MS = 5_000;

/** A fixed `validFrom` for a list nobody revoked anything from yet: the same bytes until the first revocation. */
const LISTS_EPOCH = new Date('2026-01-01T00:00:00Z');

/** What verifiers fetch: status lists (signed), the JWKS, the achievement of each course, the issuer profile. */
@Injectable()
export class PublicCredentialService {
  private readonly lists = new Map<number, { until: number; jwt: Promise<string> }>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly credentials: CredentialService,
  ) {}

  /**
   * The BitstringStatusListCredential of list `list` (1, 2, ...) as a VC-JWT. Its `validFrom` is its last
   * revocation, so that it is byte-identical until the next one. 404 for a list no certificate reached yet.
   */
  statusList(list: number): Promise<string> {
    const cached = this.lists.get(list);
    if (cached && cached.until > Date.now()) return cached.jwt;
    const jwt = this.signStatusList(list);
    this.lists.set(list, { until: Date.now() + STATUS_LIST_CACHE_MS, jwt });
    jwt.catch(() => this.lists.delete(list));
    return jwt;
  }

  /** After a revocation in this process: the next request signs the lists anew. */
  forgetStatusLists(): void {
    this.lists.clear();
  }

  jwks(): Jwks {
    return this.credentials.jwks();
  }

  async achievement(courseId: string): Promise<Achievement & { '@context': string[] }> {
    const course = await findPublishedCourse(this.dataSource, courseId);
    if (!course) throw CertificationError.AchievementNotFound([{ field: 'courseId', reason: 'unknown' }]);
    return { '@context': [VC_CONTEXT, OB3_CONTEXT], ...achievementFor(this.credentials.baseUrl, course) };
  }

  issuer() {
    return { '@context': [VC_CONTEXT, OB3_CONTEXT], ...issuerProfile(this.credentials.baseUrl) };
  }

  private async signStatusList(list: number): Promise<string> {
    const first = (list - 1) * STATUS_LIST_SIZE;
    const [sequence] = (await this.dataSource.query(
      `SELECT CASE WHEN is_called THEN last_value ELSE -1 END AS last FROM certificate_status_index_seq`,
    )) as { last: string }[];
    // List 1 always exists; a later one once the sequence reached it.
    if (list > 1 && Number(sequence.last) < first) throw CertificationError.StatusListNotFound([{ field: 'list', reason: 'unknown' }]);
    const rows: { status_index: string; revoked_at: Date }[] = await this.dataSource.query(
      `SELECT status_index, revoked_at FROM certificate
        WHERE revoked_at IS NOT NULL AND status_index >= $1 AND status_index < $2`,
      [first, first + STATUS_LIST_SIZE],
    );
    const validFrom = rows.reduce((latest, row) => (row.revoked_at > latest ? row.revoked_at : latest), LISTS_EPOCH);
    return this.credentials.signStatusList(
      list,
      rows.map((row) => Number(row.status_index) - first),
      validFrom,
    );
  }
}
