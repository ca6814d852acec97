import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiConflictResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { SearchSynonymGroup } from '@academie/contracts';
import { type AuthenticatedUser, CurrentUser, Roles } from '@academie/server-identity';
import { actorOf } from '../publishing/audit-trail';
import { SearchSynonymDto, SynonymIdParamsDto } from './dto/search-synonym.dto';
import { SearchSynonymService } from './search-synonym.service';

/** Synonym groups of the catalogue search: a change applies to the next search, without a restart. */
@ApiTags('administration')
@Controller('admin/search-synonyms')
@Roles('admin')
export class SearchSynonymController {
  constructor(private readonly synonyms: SearchSynonymService) {}

  @Get()
  @ApiOkResponse({ description: 'Every group, normalized (SearchSynonymGroup[]).' })
  list(): Promise<SearchSynonymGroup[]> {
    return this.synonyms.list();
  }

  @Post()
  @ApiConflictResponse({ description: 'This group already exists.' })
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: SearchSynonymDto): Promise<SearchSynonymGroup> {
    return this.synonyms.create(actorOf(user), body.terms);
  }

  @Put(':id')
  @ApiNotFoundResponse({ description: 'No group has this id.' })
  update(@CurrentUser() user: AuthenticatedUser, @Param() params: SynonymIdParamsDto, @Body() body: SearchSynonymDto): Promise<SearchSynonymGroup> {
    return this.synonyms.update(actorOf(user), params.id, body.terms);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted.' })
  async remove(@CurrentUser() user: AuthenticatedUser, @Param() params: SynonymIdParamsDto): Promise<void> {
    await this.synonyms.remove(actorOf(user), params.id);
  }
}
