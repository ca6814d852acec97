// The learning screens, one chunk loaded on the first visit to one of them (see index.ts).
export { CoursePlayerPage } from './course-player-page';
export { MyLearningPage } from './my-learning-page';
