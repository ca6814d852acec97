export * from './course/course.entity';
export * from './course/course.service';
export * from './catalog.module';
