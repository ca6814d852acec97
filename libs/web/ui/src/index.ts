export { CourseCard } from './course-card';
export type { CourseCardProps } from './course-card';
export { formatDuration, formatDurationLong } from './format-duration';
export { SITE_NAME, usePageTitle } from './use-page-title';
