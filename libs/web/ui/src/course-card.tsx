import {
  AUDIENCES,
  COURSE_KIND_LABELS,
  COURSE_LEVEL_LABELS,
  type CourseSummary,
} from '@academie/contracts';
import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Card } from '@codegouvfr/react-dsfr/Card';
import { Tag } from '@codegouvfr/react-dsfr/Tag';
import { formatDuration, formatDurationLong } from './format-duration';

export interface CourseCardProps {
  course: CourseSummary;
  /** Heading level of the card title, to keep the page's heading order (default h3). */
  titleAs?: 'h2' | 'h3' | 'h4';
  /** The course page: the card's title becomes a link and the whole card is clickable. */
  linkTo?: string;
}

/** A published course as the catalogue shows it: kind, level, duration, summary and audiences. */
export function CourseCard({ course, titleAs = 'h3', linkTo }: CourseCardProps) {
  const link = linkTo === undefined ? {} : ({ enlargeLink: true, linkProps: { to: linkTo } } as const);
  return (
    <Card
      {...link}
      className={fr.cx('fr-card--no-arrow')}
      title={course.title}
      titleAs={titleAs}
      desc={course.summary}
      border
      shadow={false}
      start={
        <ul className={fr.cx('fr-badges-group')}>
          <li>
            <Badge small noIcon severity="info">
              {COURSE_KIND_LABELS[course.kind]}
            </Badge>
          </li>
          <li>
            <Badge small noIcon>
              {`Niveau ${COURSE_LEVEL_LABELS[course.level].toLowerCase()}`}
            </Badge>
          </li>
        </ul>
      }
      detail={
        <>
          <span className={fr.cx('fr-icon-time-line', 'fr-icon--sm', 'fr-mr-1v')} aria-hidden="true" />
          <span aria-hidden="true">{`Durée : ${formatDuration(course.durationMinutes)}`}</span>
          <span className={fr.cx('fr-sr-only')}>{`Durée : ${formatDurationLong(course.durationMinutes)}`}</span>
        </>
      }
      end={
        course.audiences.length > 0 ? (
          <>
            <p className={fr.cx('fr-sr-only')}>Publics :</p>
            <ul className={fr.cx('fr-tags-group')}>
              {course.audiences.map((audience) => (
                <li key={audience}>
                  <Tag small>{AUDIENCES[audience]}</Tag>
                </li>
              ))}
            </ul>
          </>
        ) : undefined
      }
    />
  );
}
