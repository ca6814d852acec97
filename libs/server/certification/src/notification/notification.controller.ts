import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { NotificationItem, NotificationList } from '@academie/contracts';
import { type AuthenticatedUser, CurrentUser } from '@academie/server-identity';
import { NotificationIdParamsDto, NotificationListQueryDto } from './dto/notification.dto';
import { NotificationService } from './notification.service';

/** The caller's own in-app notifications. */
@ApiTags('me')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid access token.' })
@Controller('me/notifications')
export class NotificationController {
  constructor(private readonly notifications: NotificationService) {}

  @Get()
  @ApiOkResponse({ description: '`NotificationList`, newest first, with the unread count.' })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: NotificationListQueryDto): Promise<NotificationList> {
    return this.notifications.list(user.id, query);
  }

  @Post('read-all')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: '`{ marked }`: how many were unread.' })
  readAll(@CurrentUser() user: AuthenticatedUser): Promise<{ marked: number }> {
    return this.notifications.markAllRead(user.id);
  }

  @Post(':id/read')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: '`NotificationItem`, read (idempotent).' })
  @ApiNotFoundResponse({ description: 'Not one of your notifications.' })
  read(@CurrentUser() user: AuthenticatedUser, @Param() params: NotificationIdParamsDto): Promise<NotificationItem> {
    return this.notifications.markRead(user.id, params.id);
  }
}
