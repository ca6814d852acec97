import { CatalogPage } from '@academie/web-feature-catalog';
import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { AccessibilityPage } from './accessibility-page';
import { Layout } from './layout';
import { NotFoundPage } from './not-found-page';

const router = createBrowserRouter([
  {
    path: '/',
    element: <Layout />,
    children: [
      { index: true, element: <CatalogPage /> },
      { path: 'accessibilite', element: <AccessibilityPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
