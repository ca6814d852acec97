import { Module } from '@nestjs/common';
import { CourseController } from './course/course.controller';
import { CourseService } from './course/course.service';

@Module({ controllers: [CourseController], providers: [CourseService], exports: [CourseService] })
export class CatalogModule {}
