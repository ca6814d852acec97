import { usePageTitle } from '@academie/web-ui';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Route, Routes } from 'react-router';
import { CourseEditorPage } from './course-editor-page';
import { CoursePreviewPage } from './course-preview-page';
import { LessonEditorPage } from './lesson-editor-page';
import { NewCoursePage } from './new-course-page';
import { ReviewQueuePage } from './review-queue-page';
import { ReviewVersionPage } from './review-version-page';
import { StudioHomePage } from './studio-home-page';

/** The trainers' studio, mounted by the app under /studio/*. */
export function StudioRoutes() {
  return (
    <Routes>
      <Route index element={<StudioHomePage />} />
      <Route path="nouvelle-formation" element={<NewCoursePage />} />
      <Route path="formations/:courseId" element={<CourseEditorPage />} />
      <Route path="formations/:courseId/apercu" element={<CoursePreviewPage />} />
      <Route path="formations/:courseId/lecons/nouvelle" element={<LessonEditorPage />} />
      <Route path="formations/:courseId/lecons/:lessonId" element={<LessonEditorPage />} />
      <Route path="*" element={<NotFound back="/studio" />} />
    </Routes>
  );
}

/** The reviewers' queue, mounted by the app under /relecture/*. */
export function ReviewRoutes() {
  return (
    <Routes>
      <Route index element={<ReviewQueuePage />} />
      <Route path=":versionId" element={<ReviewVersionPage />} />
      <Route path="*" element={<NotFound back="/relecture" />} />
    </Routes>
  );
}

function NotFound({ back }: { back: string }) {
  usePageTitle('Page non trouvée');
  return (
    <div className={fr.cx('fr-container', 'fr-py-6w', 'fr-mb-6w')}>
      <h1>Page non trouvée</h1>
      <p className={fr.cx('fr-text--lead')}>La page que vous cherchez n'existe pas ou a été déplacée.</p>
      <Button linkProps={{ to: back }}>Revenir</Button>
    </div>
  );
}
