export * from './catalog.module';
export * from './course/course.service';
// The published content the learning context reads (outline of a version, quiz answer keys).
export {
  PublishedContentApi,
  type PublishedVersionOutline,
  type PublishedLesson,
  type QuizAnswerKey,
  type ContentQueryable,
} from './published/published-content.api';
// What certificates cite of a course and its published versions (title, summary, number, duration).
export { findPublishedVersion, findPublishedCourse, type PublishedVersionFacts } from './published/published-course.api';
export { CATALOG_CACHE_OPTIONS, CatalogCache, type CatalogCacheOptions } from './search/catalog-cache';
// The in-memory full-text search and the query expansion, for the tests that compare them with PostgreSQL.
export { TextIndex, composeQuery, parseTsquery, type TsQuery } from './search/text-index';
export { expandQuery } from './search/search-query';
export { renderMarkdown } from './content/markdown';
// Writing published content outside HTTP: the demo seed and the catalogue benchmark.
export { publishVersion, insertVersionContent, insertDraftVersion, type VersionContent } from './publishing/publish-version';
// Entities, for the one DataSource (libs/server/database) only.
export { Course } from './course/course.entity';
export { CourseVersion } from './course/course-version.entity';
export { CourseModule } from './course/course-module.entity';
export { CourseLesson } from './course/course-lesson.entity';
export { CourseAuthor } from './course/course-author.entity';
export { CourseReview } from './course/course-review.entity';
export { Solution } from './solution/solution.entity';
export { SearchSynonym } from './search/search-synonym.entity';
