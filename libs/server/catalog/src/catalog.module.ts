import { Module } from '@nestjs/common';
import { AdminCourseController } from './admin/admin-course.controller';
import { AdminCourseService } from './admin/admin-course.service';
import { CourseController } from './course/course.controller';
import { CourseService } from './course/course.service';
import { CatalogPersonalData } from './personal-data/catalog-personal-data';
import { AuditTrail } from './publishing/audit-trail';
import { ReviewController } from './review/review.controller';
import { ReviewService } from './review/review.service';
import { CatalogCache } from './search/catalog-cache';
import { SearchAnswers } from './search/search-answers';
import { SearchSynonymController } from './search/search-synonym.controller';
import { SearchSynonymService } from './search/search-synonym.service';
import { SynonymStore } from './search/synonym-store';
import { AdminSolutionController, SolutionController } from './solution/solution.controller';
import { SolutionService } from './solution/solution.service';
import { StudioController } from './studio/studio.controller';
import { StudioService } from './studio/studio.service';

/** Courses, versions, review, search and turnkey solutions, for the API. Needs the identity context (global). */
@Module({
  controllers: [CourseController, SolutionController, AdminSolutionController, SearchSynonymController, StudioController, ReviewController, AdminCourseController],
  providers: [
    CatalogCache,
    SearchAnswers,
    SynonymStore,
    AuditTrail,
    CourseService,
    SolutionService,
    SearchSynonymService,
    StudioService,
    ReviewService,
    AdminCourseService,
    CatalogPersonalData,
  ],
  exports: [CourseService],
})
export class CatalogModule {}
