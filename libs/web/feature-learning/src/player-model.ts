// The course player's rules as plain functions: the syllabus from the enrollment and the course outline,
// which lesson opens, where a video resumes, the lessons around the current one, the progress shown.
import type {
  CourseVersionDetail,
  EnrollmentDetail,
  EnrollmentProgress,
  LessonKind,
  LessonProgressStatus,
  LessonProgressView,
} from '@academie/contracts';

export interface PlayerLesson {
  id: string;
  moduleId: string;
  title: string;
  kind: LessonKind;
  required: boolean;
  /** From the course outline; null when the outline is not loaded. */
  durationMinutes: number | null;
  status: LessonProgressStatus;
  progress: LessonProgressView;
}

export interface PlayerModule {
  id: string;
  title: string;
  lessons: PlayerLesson[];
}

/**
 * The modules and lessons of the enrolled version in course order, each lesson with its status: the server's,
 * or `completed` when this page completed it and the API has not answered yet (`completedHere`).
 */
export function buildSyllabus(
  detail: EnrollmentDetail,
  outline: CourseVersionDetail | undefined,
  completedHere: ReadonlySet<string> = new Set(),
): PlayerModule[] {
  const outlineModules = new Map((outline?.modules ?? []).map((module) => [module.id, module]));
  const outlineLessons = new Map((outline?.modules ?? []).flatMap((module) => module.lessons.map((lesson) => [lesson.id, lesson] as const)));
  const modules: PlayerModule[] = [];
  for (const progress of [...detail.lessons].sort((a, b) => a.ordinal - b.ordinal)) {
    let module = modules.at(-1);
    if (module === undefined || module.id !== progress.moduleId) {
      module = {
        id: progress.moduleId,
        title: outlineModules.get(progress.moduleId)?.title ?? `Partie ${modules.length + 1}`,
        lessons: [],
      };
      modules.push(module);
    }
    module.lessons.push({
      id: progress.lessonId,
      moduleId: progress.moduleId,
      title: progress.title,
      kind: progress.kind,
      required: progress.required,
      durationMinutes: outlineLessons.get(progress.lessonId)?.durationMinutes ?? null,
      status: completedHere.has(progress.lessonId) ? 'completed' : progress.status,
      progress,
    });
  }
  return modules;
}

export function flatLessons(modules: PlayerModule[]): PlayerLesson[] {
  return modules.flatMap((module) => module.lessons);
}

/** The lesson to open without one in the address: where the learner stopped, else the first one not done. */
export function lessonToOpen(detail: EnrollmentDetail, lessons: PlayerLesson[]): PlayerLesson | undefined {
  const resumed = detail.resume === null ? undefined : lessons.find((lesson) => lesson.id === detail.resume?.lessonId);
  return resumed ?? lessons.find((lesson) => lesson.status !== 'completed') ?? lessons[0];
}

export function neighbours(lessons: PlayerLesson[], lessonId: string): { previous?: PlayerLesson; next?: PlayerLesson } {
  const index = lessons.findIndex((lesson) => lesson.id === lessonId);
  if (index < 0) return {};
  return { previous: lessons[index - 1], next: lessons[index + 1] };
}

/** The saved position of a video lesson: the resume point when it is this lesson, else the lesson's last position. */
export function savedPosition(detail: EnrollmentDetail, lessonId: string): number | null {
  if (detail.resume?.lessonId === lessonId && detail.resume.position !== null) return detail.resume.position;
  return detail.lessons.find((lesson) => lesson.lessonId === lessonId)?.video?.lastPosition ?? null;
}

/**
 * Where the video starts: the saved position, except within its first second (nothing to resume) and in its
 * last moments (the learner watched it all: start again). `duration` may be unknown (NaN, Infinity).
 */
export function startPosition(saved: number | null, duration: number): number {
  if (saved === null || !Number.isFinite(saved) || saved < 1) return 0;
  if (Number.isFinite(duration) && duration > 0 && saved >= duration - Math.min(2, duration * 0.05)) return 0;
  return saved;
}

/** Required lessons done and the percent, rounded down as the API does: 100 only once every required lesson is. */
export function progressOf(lessons: PlayerLesson[]): EnrollmentProgress {
  const required = lessons.filter((lesson) => lesson.required);
  const completedLessons = required.filter((lesson) => lesson.status === 'completed').length;
  const requiredLessons = required.length;
  const percent = requiredLessons === 0 ? 100 : Math.floor((completedLessons * 100) / requiredLessons);
  return { completedLessons, requiredLessons, percent };
}

export const playerPath = (slug: string, lessonId?: string): string =>
  lessonId === undefined ? `/apprendre/${encodeURIComponent(slug)}` : `/apprendre/${encodeURIComponent(slug)}/lecons/${encodeURIComponent(lessonId)}`;

export const LESSON_KIND_LABELS: Record<LessonKind, string> = {
  text: 'Texte',
  video: 'Vidéo',
  quiz: 'Quiz',
};

export const LESSON_STATUS_LABELS: Record<LessonProgressStatus, string> = {
  not_started: 'Non commencée',
  in_progress: 'En cours',
  completed: 'Terminée',
};
