import type { LearnerVideoContent, VideoProgressView } from '@academie/contracts';
import { fr } from '@codegouvfr/react-dsfr';
import { Accordion } from '@codegouvfr/react-dsfr/Accordion';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useEffect, useMemo, useRef, useState } from 'react';
import { formatPosition } from './format';
import { startPosition } from './player-model';
import { VideoReporter, type VideoReport } from './video-reporter';

export interface VideoLessonProps {
  lessonId: string;
  title: string;
  video: LearnerVideoContent;
  /** The lesson's progress as the server knows it (share to watch, furthest position). */
  progress: VideoProgressView | null;
  /** Where the learner stopped last time, in seconds. */
  savedPosition: number | null;
  completed: boolean;
  onReport: VideoReport;
}

/**
 * A video lesson: the HTML5 player with French captions (a blob URL of the WebVTT, as the catalogue sends it),
 * the transcript, resuming at the saved position; positions reported about every 10 s, on pause and at the end.
 */
export function VideoLesson({ lessonId, title, video, progress, savedPosition, completed, onReport }: VideoLessonProps) {
  const element = useRef<HTMLVideoElement>(null);
  const report = useRef(onReport);
  report.current = onReport;
  const reporter = useMemo(() => new VideoReporter((type, position) => report.current(type, position)), [lessonId]);
  const [resumedAt, setResumedAt] = useState<number | null>(null);
  const [failed, setFailed] = useState(false);
  const resumed = useRef(false);

  const captionsUrl = useMemo(
    () => (video.captionsVtt === null ? null : URL.createObjectURL(new Blob([video.captionsVtt], { type: 'text/vtt' }))),
    [video.captionsVtt],
  );
  useEffect(() => () => {
    if (captionsUrl !== null) URL.revokeObjectURL(captionsUrl);
  }, [captionsUrl]);

  // Leaving the lesson or the page: the position where the learner stopped.
  useEffect(() => {
    const current = element.current;
    const onHide = () => {
      if (document.visibilityState === 'hidden' && current !== null) reporter.onLeave(current.currentTime);
    };
    document.addEventListener('visibilitychange', onHide);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      if (current !== null) reporter.onLeave(current.currentTime);
    };
  }, [reporter]);

  const onLoadedMetadata = () => {
    const player = element.current;
    if (player === null || resumed.current) return;
    resumed.current = true;
    const start = startPosition(savedPosition, player.duration);
    if (start > 0) {
      player.currentTime = start;
      setResumedAt(start);
    }
  };

  const share = progress === null ? null : Math.round(progress.completionRatio * 100);
  const transcriptFirst = captionsUrl === null || failed;

  return (
    <>
      {failed && (
        <Alert
          className={fr.cx('fr-mb-3w')}
          severity="warning"
          small
          description="La vidéo ne peut pas être lue pour le moment. Sa transcription, ci-dessous, en reprend tout le contenu."
        />
      )}
      <div className={fr.cx('fr-mb-2w')} style={{ backgroundColor: '#000', aspectRatio: '16 / 9' }}>
        <video
          ref={element}
          controls
          playsInline
          preload="metadata"
          src={video.url}
          aria-label={`Vidéo : ${title}`}
          style={{ width: '100%', height: '100%', display: 'block' }}
          onLoadedMetadata={onLoadedMetadata}
          onTimeUpdate={(event) => reporter.onTimeUpdate(event.currentTarget.currentTime, event.currentTarget.paused)}
          onPause={(event) => reporter.onPause(event.currentTarget.currentTime, event.currentTarget.ended)}
          onEnded={(event) => reporter.onEnded(event.currentTarget.currentTime)}
          onError={() => setFailed(true)}
        >
          {captionsUrl !== null && <track kind="captions" srcLang="fr" label="Français" src={captionsUrl} default />}
        </video>
      </div>
      <div className={fr.cx('fr-mb-3w')}>
        {resumedAt !== null && (
          <p className={fr.cx('fr-text--sm', 'fr-mb-1w')} data-testid="reprise-video">
            {`Reprise à ${formatPosition(resumedAt)}, là où vous vous étiez arrêté.`}
          </p>
        )}
        {completed ? (
          <p className={fr.cx('fr-text--sm', 'fr-mb-0')}>
            <span className={fr.cx('fr-icon-checkbox-circle-fill', 'fr-icon--sm', 'fr-mr-1w')} aria-hidden="true" style={{ color: fr.colors.decisions.text.default.success.default }} />
            Vidéo terminée.
          </p>
        ) : (
          share !== null && <p className={fr.cx('fr-text--sm', 'fr-mb-0')}>{`La leçon est validée quand vous avez regardé au moins ${share} % de la vidéo.`}</p>
        )}
      </div>
      {video.transcript !== null && (
        <div className={fr.cx('fr-accordions-group', 'fr-mb-4w')}>
          <Accordion label="Transcription de la vidéo" titleAs="h2" defaultExpanded={transcriptFirst}>
            {video.transcript.split(/\n{2,}/).map((paragraph, index) => (
              <p key={index}>{paragraph}</p>
            ))}
          </Accordion>
        </div>
      )}
    </>
  );
}
