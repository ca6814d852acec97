import { AuthProvider } from '@academie/web-data-access';
import { CatalogPage, CataloguePage, CoursePage, SolutionsPage } from '@academie/web-feature-catalog';
import { MyCertificatesPage, VerifyCertificatePage } from '@academie/web-feature-certificates';
import { CoursePlayerPage, EnrollmentAction, MyLearningPage } from '@academie/web-feature-learning';
import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { Layout } from './layout';
import { NotFoundPage } from './not-found-page';

// The account pages are one chunk, fetched on the first visit to one of them: the catalogue, the
// learner's first page, does not carry them.
const account = () => import('@academie/web-feature-account');
const SignUpPage = lazy(() => account().then((m) => ({ default: m.SignUpPage })));
const VerifyEmailPage = lazy(() => account().then((m) => ({ default: m.VerifyEmailPage })));
const SignInPage = lazy(() => account().then((m) => ({ default: m.SignInPage })));
const SsoLandingPage = lazy(() => account().then((m) => ({ default: m.SsoLandingPage })));
const ForgotPasswordPage = lazy(() => account().then((m) => ({ default: m.ForgotPasswordPage })));
const ResetPasswordPage = lazy(() => account().then((m) => ({ default: m.ResetPasswordPage })));
const ProfilePage = lazy(() => account().then((m) => ({ default: m.ProfilePage })));
// The organisations' screens: one chunk, for those who manage or join an organisation.
const organisation = () => import('@academie/web-feature-organisation');
const OrganisationPage = lazy(() => organisation().then((m) => ({ default: m.OrganisationPage })));
const JoinOrganisationPage = lazy(() => organisation().then((m) => ({ default: m.JoinOrganisationPage })));
// The learning and certificate screens are lazy inside their libs (their small parts, the enrollment
// button and the certificate notice, sit on pages of the first chunk).

// The trainers' studio and the reviewers' queue: one chunk (studio-[hash].js), for those roles only.
const studio = () => import('@academie/web-feature-studio');
const StudioRoutes = lazy(() => studio().then((m) => ({ default: m.StudioRoutes })));
const ReviewRoutes = lazy(() => studio().then((m) => ({ default: m.ReviewRoutes })));

// The legal pages: one small chunk (legal-pages-[hash].js), mostly text, linked from the footer of every page.
const legal = () => import('./legal/legal-pages');
const AccessibilityPage = lazy(() => legal().then((m) => ({ default: m.AccessibilityPage })));
const LegalNoticePage = lazy(() => legal().then((m) => ({ default: m.LegalNoticePage })));
const PersonalDataPage = lazy(() => legal().then((m) => ({ default: m.PersonalDataPage })));

// The ministry's dashboard: its own chunk (dashboard-[hash].js), for ministry staff only.
const DashboardPage = lazy(() => import('@academie/web-feature-dashboard').then((m) => ({ default: m.DashboardPage })));

// The administrators' console: its own chunk (admin-[hash].js), for administrators only.
const AdminRoutes = lazy(() => import('@academie/web-feature-admin').then((m) => ({ default: m.AdminRoutes })));

const router = createBrowserRouter([
  {
    path: '/',
    element: <Layout />,
    children: [
      { index: true, element: <CatalogPage /> },
      { path: 'catalogue', element: <CataloguePage /> },
      {
        path: 'cours/:slug',
        // « S'inscrire » (or « Reprendre ») on the course page comes from the learning journey.
        element: <CoursePage renderEnrolment={(course) => <EnrollmentAction courseId={course.id} courseSlug={course.slug} />} />,
      },
      { path: 'solutions', element: <SolutionsPage /> },
      { path: 'studio/*', element: <StudioRoutes /> },
      { path: 'relecture/*', element: <ReviewRoutes /> },
      { path: 'accessibilite', element: <AccessibilityPage /> },
      { path: 'mentions-legales', element: <LegalNoticePage /> },
      { path: 'donnees-personnelles', element: <PersonalDataPage /> },
      { path: 'inscription', element: <SignUpPage /> },
      { path: 'verifier-email', element: <VerifyEmailPage /> },
      { path: 'connexion', element: <SignInPage /> },
      { path: 'connexion/sso', element: <SsoLandingPage /> },
      { path: 'mot-de-passe-oublie', element: <ForgotPasswordPage /> },
      { path: 'reinitialiser-mot-de-passe', element: <ResetPasswordPage /> },
      { path: 'mon-profil', element: <ProfilePage /> },
      { path: 'tableau-de-bord', element: <DashboardPage /> },
      { path: 'administration/*', element: <AdminRoutes /> },
      { path: 'mon-organisation', element: <OrganisationPage /> },
      { path: 'rejoindre', element: <JoinOrganisationPage /> },
      { path: 'mon-parcours', element: <MyLearningPage /> },
      { path: 'apprendre/:slug', element: <CoursePlayerPage /> },
      { path: 'apprendre/:slug/lecons/:lessonId', element: <CoursePlayerPage /> },
      { path: 'mes-attestations', element: <MyCertificatesPage /> },
      { path: 'verifier', element: <VerifyCertificatePage /> },
      { path: 'verifier/:code', element: <VerifyCertificatePage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  return (
    <AuthProvider>
      <RouterProvider router={router} />
    </AuthProvider>
  );
}
