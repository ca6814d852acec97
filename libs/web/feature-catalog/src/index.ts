export { CatalogPage } from './catalog-page';
export { CataloguePage } from './catalogue-page';
export { CoursePage } from './course-page';
export type { CoursePageProps } from './course-page';
export { SolutionsPage } from './solutions-page';
