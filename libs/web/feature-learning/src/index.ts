// The learner's journey on the web: « Mon parcours », the course player (text, video, quizzes) and the
// enrollment button of a course page.
//
// The screens are loaded lazily by this index itself: the app's routes and the catalogue's course page place
// small parts of this lib (the enrollment button) on pages of the first chunk, and importing this index must
// not bring the player along.
import { lazy } from 'react';

const pages = () => import('./learning-pages');

export const MyLearningPage = lazy(() => pages().then((m) => ({ default: m.MyLearningPage })));
export const CoursePlayerPage = lazy(() => pages().then((m) => ({ default: m.CoursePlayerPage })));

export { EnrollmentAction } from './enrollment-action';
export type { EnrollmentActionProps } from './enrollment-action';
export { ProgressBar } from './progress-bar';
export type { ProgressBarProps } from './progress-bar';
export { playerPath } from './player-model';
