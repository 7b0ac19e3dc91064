import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateMeetingRequestDto,
  DeclineMeetingRequestDto,
  ListMeetingRequestsQueryDto,
  MeetingRequestsService,
  type MeetingQuota,
  type MeetingRequestPage,
  type MeetingRequestView,
  type Principal,
} from '@hub/core';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';

@ApiTags('meeting requests')
@ApiBearerAuth()
@Controller('api/v1/meeting-requests')
export class MeetingRequestsController {
  constructor(private readonly requests: MeetingRequestsService) {}

  @Post()
  @ApiOperation({ summary: 'Asks another organisation to meet (from a match, or directly); returns the quota left' })
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateMeetingRequestDto): Promise<{ request: MeetingRequestView; quota: MeetingQuota; eventQuota?: MeetingQuota }> {
    return this.requests.create(principal, dto);
  }

  @Get()
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListMeetingRequestsQueryDto): Promise<MeetingRequestPage> {
    return this.requests.list(principal, query);
  }

  @Get(':id')
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseIdPipe) id: string): Promise<MeetingRequestView> {
    return this.requests.get(principal, id);
  }

  @Post(':id/accept')
  @HttpCode(200)
  accept(@CurrentPrincipal() principal: Principal, @Param('id', ParseIdPipe) id: string): Promise<MeetingRequestView> {
    return this.requests.accept(principal, id);
  }

  @Post(':id/decline')
  @HttpCode(200)
  decline(@CurrentPrincipal() principal: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: DeclineMeetingRequestDto): Promise<MeetingRequestView> {
    return this.requests.decline(principal, id, dto.reason);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  withdraw(@CurrentPrincipal() principal: Principal, @Param('id', ParseIdPipe) id: string): Promise<MeetingRequestView> {
    return this.requests.withdraw(principal, id);
  }
}
