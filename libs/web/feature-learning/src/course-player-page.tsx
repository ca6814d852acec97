import type { CourseVersionDetail, EnrollmentDetail, EnrollmentProgressSnapshot, EnrollmentView, LessonView, QuizAttemptResponse } from '@academie/contracts';
import {
  expectNotification,
  prefetchLesson,
  type ProgressQueue,
  type ProgressRecord,
  RequireSignIn,
  signInPath,
  useCourseVersion,
  useEnrollmentDetail,
  useLesson,
  useMyEnrollments,
  useProgressQueue,
  useProgressQueueState,
} from '@academie/web-data-access';
import { formatDurationLong, usePageTitle } from '@academie/web-ui';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { SideMenu, type SideMenuProps } from '@codegouvfr/react-dsfr/SideMenu';
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate, useParams } from 'react-router';
import { EnrollmentAction } from './enrollment-action';
import { formatDate } from './format';
import {
  LESSON_KIND_LABELS,
  LESSON_STATUS_LABELS,
  type PlayerLesson,
  type PlayerModule,
  buildSyllabus,
  flatLessons,
  lessonToOpen,
  neighbours,
  playerPath,
  progressOf,
  savedPosition,
} from './player-model';
import { ProgressBar } from './progress-bar';
import { QuizLesson } from './quiz-lesson';
import { SaveStatus } from './save-status';
import { TextLesson } from './text-lesson';
import { VideoLesson } from './video-lesson';

/** /apprendre/:slug and /apprendre/:slug/lecons/:lessonId: the course player. */
export function CoursePlayerPage() {
  const { slug = '', lessonId } = useParams();
  return <RequireSignIn>{() => <Player slug={slug} lessonId={lessonId} />}</RequireSignIn>;
}

function Player({ slug, lessonId }: { slug: string; lessonId: string | undefined }) {
  const { data, error, refresh } = useMyEnrollments();
  const enrollment = data?.items.find((item) => item.courseSlug === slug);

  if (data === undefined && error === undefined) return <Loading text="Chargement du cours…" />;
  if (data === undefined) {
    return (
      <Failure title="Le cours est momentanément indisponible" message={error?.statusCode === 0 ? error.message : 'Réessayez dans quelques instants.'} onRetry={refresh} />
    );
  }
  if (enrollment === undefined || enrollment.status === 'withdrawn') {
    return <NotEnrolled slug={slug} onEnrolled={refresh} />;
  }
  return <EnrolledPlayer key={enrollment.id} enrollment={enrollment} slug={slug} lessonId={lessonId} />;
}

function Loading({ text }: { text: string }) {
  usePageTitle('Chargement');
  return (
    <div className={fr.cx('fr-container', 'fr-py-6w')}>
      <p role="status">{text}</p>
    </div>
  );
}

function Failure({ title, message, onRetry }: { title: string; message: string; onRetry?: () => void }) {
  usePageTitle(title);
  return (
    <div className={fr.cx('fr-container', 'fr-py-6w')}>
      <h1 className={fr.cx('fr-sr-only')}>{title}</h1>
      <Alert
        severity="error"
        as="h2"
        title={title}
        description={
          <>
            <p className={fr.cx('fr-mb-2w')}>{message}</p>
            {onRetry !== undefined && (
              <Button priority="secondary" size="small" onClick={onRetry}>
                Réessayer
              </Button>
            )}
          </>
        }
      />
    </div>
  );
}

// --- Not enrolled yet ------------------------------------------------------------------------------

function NotEnrolled({ slug, onEnrolled }: { slug: string; onEnrolled: () => void }) {
  const { data: course, error } = useCourseVersion(slug);
  usePageTitle(course?.title ?? (error ? 'Cours introuvable' : 'Chargement'));

  if (error !== undefined) {
    return error.statusCode === 404 ? (
      <div className={fr.cx('fr-container', 'fr-py-6w')}>
        <h1>Cours introuvable</h1>
        <p>Ce cours n’existe pas ou n’est plus proposé.</p>
        <Button linkProps={{ to: '/' }}>Parcourir le catalogue</Button>
      </div>
    ) : (
      <Failure title="Le cours est momentanément indisponible" message="Réessayez dans quelques instants." />
    );
  }
  if (course === undefined) return <Loading text="Chargement du cours…" />;

  return (
    <div className={fr.cx('fr-container', 'fr-pb-6w', 'fr-mb-6w')}>
      <Breadcrumb currentPageLabel={course.title} homeLinkProps={{ to: '/' }} segments={[]} />
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        <div className={fr.cx('fr-col-12', 'fr-col-lg-8')}>
          <h1>{course.title}</h1>
          <p className={fr.cx('fr-text--lead')}>{course.summary}</p>
          <p>{`Durée : ${formatDurationLong(course.durationMinutes)}. Inscrivez-vous pour suivre ce cours à votre rythme : votre progression est enregistrée et une attestation vous est délivrée à la fin.`}</p>
          <div className={fr.cx('fr-mb-6w')}>
            <EnrollmentAction courseId={course.id} courseSlug={slug} onEnrolled={onEnrolled} />
          </div>
          <Outline course={course} />
        </div>
      </div>
    </div>
  );
}

function Outline({ course }: { course: CourseVersionDetail }) {
  return (
    <section aria-labelledby="programme-titre">
      <h2 id="programme-titre">Programme</h2>
      {course.modules.map((module) => (
        <div key={module.id} className={fr.cx('fr-mb-3w')}>
          <h3 className={fr.cx('fr-h6', 'fr-mb-1w')}>{module.title}</h3>
          <ul>
            {module.lessons.map((lesson) => (
              <li key={lesson.id}>
                {`${lesson.title} — ${LESSON_KIND_LABELS[lesson.kind].toLowerCase()}, ${formatDurationLong(lesson.durationMinutes)}${lesson.required ? '' : ' (facultative)'}`}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

// --- Enrolled: the player ---------------------------------------------------------------------------

interface EnrolledPlayerProps {
  enrollment: EnrollmentView;
  slug: string;
  lessonId: string | undefined;
}

function EnrolledPlayer({ enrollment, slug, lessonId }: EnrolledPlayerProps) {
  const detailQuery = useEnrollmentDetail(enrollment.id);
  const { data: outline } = useCourseVersion(slug, enrollment.versionId);
  const queue = useProgressQueue();
  const queueState = useProgressQueueState(queue);
  const [completedHere, setCompletedHere] = useState<ReadonlySet<string>>(new Set());
  const [snapshot, setSnapshot] = useState<EnrollmentProgressSnapshot | null>(null);
  const refreshDetail = detailQuery.refresh;
  const notificationExpected = useRef(false);

  // Each answer of the API carries the enrollment's progress; the lessons' statuses follow with the detail.
  const applySnapshot = useCallback(
    (next: EnrollmentProgressSnapshot | undefined) => {
      if (next === undefined) return;
      // Completed just now: the certificate (and its notification) follows within seconds.
      if (!notificationExpected.current && next.completedAt !== null && Date.now() - Date.parse(next.completedAt) < 120_000) {
        notificationExpected.current = true;
        expectNotification();
      }
      setSnapshot(next);
      refreshDetail();
    },
    [refreshDetail],
  );
  useEffect(() => {
    if (queue === null) return;
    return queue.onAcknowledged((response) => applySnapshot(response.enrollments.find((item) => item.enrollmentId === enrollment.id)));
  }, [queue, applySnapshot, enrollment.id]);

  const detail = detailQuery.data;
  const modules = useMemo(() => (detail === undefined ? [] : buildSyllabus(detail, outline, completedHere)), [detail, outline, completedHere]);
  const lessons = useMemo(() => flatLessons(modules), [modules]);

  if (detail === undefined) {
    if (detailQuery.error !== undefined) {
      return <Failure title="Le cours est momentanément indisponible" message="Réessayez dans quelques instants." onRetry={refreshDetail} />;
    }
    return <Loading text="Chargement du cours…" />;
  }
  if (lessonId === undefined) {
    const first = lessonToOpen(detail, lessons);
    if (first === undefined) return <Failure title="Ce cours n’a pas encore de leçon" message="Revenez bientôt." />;
    return <Navigate to={playerPath(slug, first.id)} replace />;
  }
  const current = lessons.find((lesson) => lesson.id === lessonId);
  if (current === undefined) {
    return (
      <div className={fr.cx('fr-container', 'fr-py-6w')}>
        <h1>Leçon introuvable</h1>
        <p>Cette leçon ne fait pas partie de la version du cours que vous suivez.</p>
        <Button linkProps={{ to: playerPath(slug) }}>Reprendre le cours</Button>
      </div>
    );
  }

  const record = (input: ProgressRecord, urgent = false) => queue?.record(input, { urgent });
  const markCompleted = (id: string) => setCompletedHere((previous) => (previous.has(id) ? previous : new Set([...previous, id])));
  const onQuizGraded = (response: QuizAttemptResponse) => {
    if (response.passed) markCompleted(response.lessonId);
    applySnapshot(response.enrollment);
  };

  const status = snapshot?.status ?? detail.status;
  const completedAt = snapshot?.completedAt ?? detail.completedAt;

  return (
    <PlayerLayout
      slug={slug}
      title={detail.courseTitle}
      modules={modules}
      lessons={lessons}
      current={current}
      detail={detail}
      queue={queue}
      queueState={queueState}
      courseCompletedAt={status === 'completed' ? completedAt ?? new Date().toISOString() : null}
      record={record}
      markCompleted={markCompleted}
      onQuizGraded={onQuizGraded}
    />
  );
}

interface PlayerLayoutProps {
  slug: string;
  title: string;
  modules: PlayerModule[];
  lessons: PlayerLesson[];
  current: PlayerLesson;
  detail: EnrollmentDetail;
  queue: ProgressQueue | null;
  queueState: ReturnType<typeof useProgressQueueState>;
  courseCompletedAt: string | null;
  record: (input: ProgressRecord, urgent?: boolean) => void;
  markCompleted: (lessonId: string) => void;
  onQuizGraded: (response: QuizAttemptResponse) => void;
}

function PlayerLayout(props: PlayerLayoutProps) {
  const { slug, title, modules, lessons, current, detail, queue, queueState, courseCompletedAt, record } = props;
  const location = useLocation();
  const progress = progressOf(lessons);
  const { previous, next } = neighbours(lessons, current.id);
  usePageTitle(`${current.title} - ${title}`);

  // Opening a lesson is a `started` event: the API resumes the course at the lesson of the latest event.
  const started = useRef<string | null>(null);
  useEffect(() => {
    if (started.current === current.id) return;
    started.current = current.id;
    record({ lessonId: current.id, type: 'started' });
  }, [current.id, record]);

  // The next lesson is fetched ahead: it opens at once, even if the connection drops meanwhile.
  useEffect(() => {
    if (next !== undefined) prefetchLesson(slug, detail.versionId, next.id);
  }, [slug, detail.versionId, next]);

  // The first lesson shown keeps the page's focus (as a page load does); once the learner has moved to another one,
  // every lesson opened starts the reading at its title, the first one again included (back through the syllabus or
  // « Leçon précédente »: without this, the focus stayed on the main content there and only there).
  const [firstLessonId] = useState(current.id);
  const [movedAway, setMovedAway] = useState(false);
  if (!movedAway && current.id !== firstLessonId) setMovedAway(true);
  const focusHeading = movedAway || current.id !== firstLessonId;

  const retryAt = queueState.retryAt;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (retryAt === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [retryAt]);

  return (
    <div className={fr.cx('fr-container', 'fr-pb-6w', 'fr-mb-6w')}>
      <Breadcrumb currentPageLabel={title} homeLinkProps={{ to: '/' }} segments={[{ label: 'Mon parcours', linkProps: { to: '/mon-parcours' } }]} />
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
          <p className={fr.cx('fr-text--bold', 'fr-mb-1w')} id="cours-titre">
            {title}
          </p>
          <ProgressBar
            percent={progress.percent}
            label={`Progression du cours « ${title} »`}
            detail={`${progress.completedLessons} sur ${progress.requiredLessons} ${progress.requiredLessons > 1 ? 'leçons obligatoires terminées' : 'leçon obligatoire terminée'}`}
            small
          />
          <Syllabus slug={slug} modules={modules} currentId={current.id} />
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-md-8')}>
          <SaveStatus state={queueState} now={now} onRetry={() => void queue?.flush()} signInPath={signInPath(`${location.pathname}${location.search}`)} />
          {courseCompletedAt !== null && <CourseCompleted completedAt={courseCompletedAt} />}
          <LessonPanel {...props} key={current.id} previous={previous} next={next} focusHeading={focusHeading} />
        </div>
      </div>
    </div>
  );
}

function CourseCompleted({ completedAt }: { completedAt: string }) {
  return (
    <Alert
      className={fr.cx('fr-mb-4w')}
      severity="success"
      as="h2"
      title="Bravo, vous avez terminé ce cours !"
      description={
        <>
          <p className={fr.cx('fr-mb-1w')}>{`Cours terminé le ${formatDate(completedAt)}. Votre attestation de réussite est délivrée dans quelques instants.`}</p>
          <p className={fr.cx('fr-mb-0')}>
            <Link className={fr.cx('fr-link')} to="/mes-attestations">
              Voir mes attestations
            </Link>
          </p>
        </>
      }
    />
  );
}

function Syllabus({ slug, modules, currentId }: { slug: string; modules: PlayerModule[]; currentId: string }) {
  const item = (lesson: PlayerLesson): SideMenuProps.Item => ({
    isActive: lesson.id === currentId,
    linkProps: { to: playerPath(slug, lesson.id) },
    text: <LessonItem lesson={lesson} />,
  });
  const items: SideMenuProps.Item[] =
    modules.length === 1
      ? (modules[0]?.lessons ?? []).map(item)
      : modules.map((module) => ({
          text: module.title,
          expandedByDefault: true,
          isActive: module.lessons.some((lesson) => lesson.id === currentId),
          items: module.lessons.map(item),
        }));
  return (
    <>
      <SideMenu
        id="sommaire-cours"
        title="Sommaire du cours"
        burgerMenuButtonText="Sommaire du cours"
        items={items}
        className={fr.cx('fr-mb-1w')}
      />
      <p className={fr.cx('fr-text--xs', 'fr-mb-3w')}>Les leçons sont obligatoires pour obtenir l’attestation, sauf mention « facultative ».</p>
    </>
  );
}

const STATUS_ICONS = {
  completed: 'fr-icon-checkbox-circle-fill',
  in_progress: 'fr-icon-time-line',
  not_started: 'fr-icon-circle-line',
} as const;

function LessonItem({ lesson }: { lesson: PlayerLesson }) {
  return (
    <span style={{ display: 'flex', gap: '0.5rem', alignItems: 'flex-start' }}>
      <span
        className={fr.cx(STATUS_ICONS[lesson.status], 'fr-icon--sm')}
        aria-hidden="true"
        style={{ color: lesson.status === 'completed' ? fr.colors.decisions.text.default.success.default : undefined, flexShrink: 0 }}
      />
      <span>
        {lesson.title}
        <span className={fr.cx('fr-sr-only')}>{` (${LESSON_STATUS_LABELS[lesson.status].toLowerCase()})`}</span>
        <br />
        <span className={fr.cx('fr-text--xs')}>
          {LESSON_KIND_LABELS[lesson.kind]}
          {lesson.durationMinutes !== null && ` · ${lesson.durationMinutes} min`}
          {!lesson.required && ' · facultative'}
        </span>
      </span>
    </span>
  );
}

interface LessonPanelProps extends PlayerLayoutProps {
  previous: PlayerLesson | undefined;
  next: PlayerLesson | undefined;
  focusHeading: boolean;
}

function LessonPanel({ slug, current, detail, previous, next, record, markCompleted, onQuizGraded, focusHeading }: LessonPanelProps) {
  const { data: lesson, error, reload } = useLesson(slug, detail.versionId, current.id);
  const navigate = useNavigate();
  const heading = useRef<HTMLHeadingElement>(null);

  // After the layout has put the focus on the main content (its effect runs after this one).
  useEffect(() => {
    if (!focusHeading) return;
    const frame = requestAnimationFrame(() => heading.current?.focus({ preventScroll: true }));
    return () => cancelAnimationFrame(frame);
  }, [focusHeading]);

  const completed = current.status === 'completed';
  const header = (
    <>
      <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
        <Badge small noIcon className={fr.cx('fr-mr-1w')}>
          {LESSON_KIND_LABELS[current.kind]}
        </Badge>
        {current.required ? (
          <Badge small noIcon severity="info">
            Obligatoire
          </Badge>
        ) : (
          <Badge small noIcon>
            Facultative
          </Badge>
        )}
        {completed && (
          <Badge small severity="success" className={fr.cx('fr-ml-1w')}>
            Terminée
          </Badge>
        )}
      </p>
      <h1 id="lecon-titre" ref={heading} tabIndex={-1} className={fr.cx('fr-h2')}>
        {current.title}
      </h1>
    </>
  );

  let body: ReactNode;
  if (lesson === undefined) {
    body =
      error === undefined ? (
        <p role="status">Chargement de la leçon…</p>
      ) : (
        <Alert
          severity="error"
          small
          description={
            <>
              <p className={fr.cx('fr-mb-1w')}>
                {error.statusCode === 0 ? 'Connexion perdue : la leçon n’a pas pu être chargée.' : 'La leçon n’a pas pu être chargée.'}
              </p>
              <Button size="small" priority="secondary" onClick={reload}>
                Réessayer
              </Button>
            </>
          }
        />
      );
  } else {
    body = (
      <LessonContent
        lesson={lesson}
        current={current}
        detail={detail}
        hasNext={next !== undefined}
        onTextCompleted={() => {
          record({ lessonId: current.id, type: 'completed' }, true);
          markCompleted(current.id);
          if (next !== undefined) navigate(playerPath(slug, next.id));
        }}
        onVideoReport={(type, position) => {
          record({ lessonId: current.id, type, position }, type === 'completed');
          const video = current.progress.video;
          if (type === 'completed' && video !== null && position >= video.durationSeconds * video.completionRatio) markCompleted(current.id);
        }}
        onQuizGraded={onQuizGraded}
      />
    );
  }

  return (
    <article aria-labelledby="lecon-titre">
      {header}
      {body}
      <nav aria-label="Leçons précédente et suivante" className={fr.cx('fr-mt-4w')}>
        <div style={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', gap: '1rem' }}>
          {previous === undefined ? (
            <span />
          ) : (
            <Button priority="tertiary" iconId="fr-icon-arrow-left-line" linkProps={{ to: playerPath(slug, previous.id), title: `Leçon précédente : ${previous.title}` }}>
              Leçon précédente
            </Button>
          )}
          {next !== undefined && (
            <Button
              priority={completed || current.kind !== 'text' ? 'primary' : 'secondary'}
              iconId="fr-icon-arrow-right-line"
              iconPosition="right"
              linkProps={{ to: playerPath(slug, next.id), title: `Leçon suivante : ${next.title}` }}
            >
              Leçon suivante
            </Button>
          )}
        </div>
      </nav>
    </article>
  );
}

interface LessonContentProps {
  lesson: LessonView;
  current: PlayerLesson;
  detail: EnrollmentDetail;
  hasNext: boolean;
  onTextCompleted: () => void;
  onVideoReport: (type: 'video_position' | 'completed', position: number) => void;
  onQuizGraded: (response: QuizAttemptResponse) => void;
}

function LessonContent({ lesson, current, detail, hasNext, onTextCompleted, onVideoReport, onQuizGraded }: LessonContentProps) {
  const completed = current.status === 'completed';
  switch (lesson.kind) {
    case 'text':
      return <TextLesson text={lesson.text} completed={completed} hasNext={hasNext} onComplete={onTextCompleted} />;
    case 'video':
      return (
        <VideoLesson
          lessonId={lesson.id}
          title={lesson.title}
          video={lesson.video}
          progress={current.progress.video}
          savedPosition={savedPosition(detail, lesson.id)}
          completed={completed}
          onReport={onVideoReport}
        />
      );
    case 'quiz':
      return <QuizLesson lessonId={lesson.id} quiz={lesson.quiz} progress={current.progress.quiz} onGraded={onQuizGraded} />;
  }
}
