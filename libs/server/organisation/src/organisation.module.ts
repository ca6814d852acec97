import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { PublishedContentApi } from '@academie/server-catalog';
import { XapiService, XapiVersionHeader } from '@academie/server-learning';
import { MailModule } from '@academie/server-mail';
import { CohortService } from './cohort/cohort.service';
import { InvitationService } from './invitation/invitation.service';
import { MemberService } from './member/member.service';
import { MyOrganisationController, OrganisationController } from './organisation/organisation.controller';
import { OrganisationService } from './organisation/organisation.service';
import { OrganisationPersonalData } from './personal-data/organisation-personal-data';
import { OrganisationProgressService } from './progress/progress.service';
import { OrganisationRemindersProcessor } from './reminder/reminders.processor';
import { OrganisationXapiService } from './xapi/organisation-xapi.service';

/**
 * Organisations, members, invitations, cohorts and assignments, for the API. Needs the identity context (global:
 * guard, audit, personal-data registry) and the OutboxModule; enrolls through the learning context's `enrollLearner`.
 */
@Module({
  imports: [MailModule],
  controllers: [MyOrganisationController, OrganisationController],
  providers: [
    PublishedContentApi,
    OrganisationService,
    MemberService,
    InvitationService,
    CohortService,
    OrganisationProgressService,
    OrganisationPersonalData,
    XapiService,
    OrganisationXapiService,
  ],
})
export class OrganisationModule implements NestModule {
  /** The xAPI version header on every answer of the organisation's statements, refusals included. */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(XapiVersionHeader).forRoutes({ path: 'organisations/:orgId/xapi/statements', method: RequestMethod.GET });
  }
}

/** For the worker: the daily due-date reminders of the assignments. */
@Module({ imports: [MailModule], providers: [OrganisationRemindersProcessor] })
export class OrganisationWorkerModule {}
