import {
  type LessonKind,
  XAPI_VERBS,
  XAPI_VERSION,
  type XapiActivity,
  type XapiResult,
  type XapiStatement,
  type XapiVerbName,
} from '@academie/contracts';
import type { StatementRow } from './statement-rows';
import { courseActivityId, lessonActivityId } from './xapi-query';

const VERB_DISPLAY: Record<XapiVerbName, { 'fr-FR': string; 'en-US': string }> = {
  initialized: { 'fr-FR': 'a commencé', 'en-US': 'initialized' },
  progressed: { 'fr-FR': 'a progressé dans', 'en-US': 'progressed' },
  completed: { 'fr-FR': 'a terminé', 'en-US': 'completed' },
  passed: { 'fr-FR': 'a réussi', 'en-US': 'passed' },
  failed: { 'fr-FR': 'a échoué à', 'en-US': 'failed' },
};

const ACTIVITY_TYPES: Record<LessonKind | 'course', string> = {
  course: 'http://adlnet.gov/expapi/activities/course',
  text: 'http://adlnet.gov/expapi/activities/lesson',
  video: 'https://w3id.org/xapi/video/activity-type/video',
  quiz: 'http://adlnet.gov/expapi/activities/assessment',
};

export const XAPI_EXTENSIONS = {
  /** Position in the video, in seconds (xAPI Video Profile). */
  videoTime: 'https://w3id.org/xapi/video/extensions/time',
  /** Share of the video reached, 0 to 100 (cmi5). */
  progress: 'https://w3id.org/xapi/cmi5/result/extensions/progress',
} as const;

/** ISO 8601 duration of a number of seconds, at the hundredth of a second (`P1DT2H3M4.5S`). */
export function isoDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds * 100) / 100);
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = Math.round((seconds % 60) * 100) / 100;
  let out = 'P';
  if (days) out += `${days}D`;
  out += 'T';
  if (hours) out += `${hours}H`;
  if (minutes) out += `${minutes}M`;
  if (rest || out.endsWith('T')) out += `${rest}S`;
  return out;
}

export interface StatementContext {
  /** PUBLIC_BASE_URL: the actor's homePage and the root of activity ids. */
  baseUrl: string;
  format?: 'exact' | 'ids' | 'canonical';
}

/**
 * The xAPI 2.0 statement of a stored fact — a projection, nothing is written. The actor is the learner's anonymous
 * id on the platform's homePage (never an e-mail, a name or the account id); the registration is the enrollment.
 */
export function toStatement(row: StatementRow, ctx: StatementContext): XapiStatement {
  const course: XapiActivity = {
    objectType: 'Activity',
    id: courseActivityId(ctx.baseUrl, row.course_slug),
    definition: { name: { 'fr-FR': row.course_title }, type: ACTIVITY_TYPES.course },
  };
  const object: XapiActivity =
    row.lesson_id === null
      ? course
      : {
          objectType: 'Activity',
          id: lessonActivityId(ctx.baseUrl, row.course_slug, row.lesson_id),
          definition: { name: { 'fr-FR': row.lesson_title ?? '' }, type: ACTIVITY_TYPES[row.lesson_kind ?? 'text'] },
        };
  const statement: XapiStatement = {
    id: row.id,
    actor: { objectType: 'Agent', account: { homePage: ctx.baseUrl, name: row.anonymous_id } },
    verb: { id: XAPI_VERBS[row.verb], display: { ...VERB_DISPLAY[row.verb] } },
    object,
    context: {
      registration: row.registration,
      ...(row.lesson_id === null ? {} : { contextActivities: { parent: [course] } }),
      platform: 'Académie IA',
      language: 'fr-FR',
    },
    timestamp: new Date(row.timestamp).toISOString(),
    // To the microsecond, as stored: `since` given this value leaves out exactly this statement and the earlier ones.
    stored: row.stored_key,
    authority: { objectType: 'Agent', name: 'Académie IA', account: { homePage: ctx.baseUrl, name: 'academie-ia' } },
    version: XAPI_VERSION,
  };
  const result = resultOf(row);
  if (result) statement.result = result;
  return ctx.format === 'ids' ? idsOnly(statement) : statement;
}

function resultOf(row: StatementRow): XapiResult | undefined {
  switch (row.source) {
    case 'attempt':
      return {
        score: { scaled: (row.score ?? 0) / 100, raw: row.correct_count ?? 0, min: 0, max: row.question_count ?? 0 },
        success: Boolean(row.passed),
        completion: true,
      };
    case 'completion':
      return {
        completion: true,
        ...(row.enrolled_at ? { duration: isoDuration((new Date(row.timestamp).getTime() - new Date(row.enrolled_at).getTime()) / 1000) } : {}),
      };
    case 'event': {
      if (row.event_type === 'started') return undefined;
      if (row.lesson_kind === 'video' && row.position !== null) {
        const share = row.video_seconds ? Math.min(100, Math.round((100 * row.position) / row.video_seconds)) : 0;
        return {
          completion: row.verb === 'completed',
          extensions: { [XAPI_EXTENSIONS.videoTime]: row.position, [XAPI_EXTENSIONS.progress]: share },
        };
      }
      return { completion: row.verb === 'completed' };
    }
  }
}

/** `format=ids`: activities, verbs and agents by their ids only. */
function idsOnly(statement: XapiStatement): XapiStatement {
  const bare = (activity: XapiActivity): XapiActivity => ({ objectType: 'Activity', id: activity.id });
  return {
    ...statement,
    verb: { id: statement.verb.id },
    object: bare(statement.object),
    context: statement.context && {
      ...statement.context,
      ...(statement.context.contextActivities?.parent ? { contextActivities: { parent: statement.context.contextActivities.parent.map(bare) } } : {}),
    },
    authority: statement.authority && { objectType: 'Agent', account: statement.authority.account },
  };
}
