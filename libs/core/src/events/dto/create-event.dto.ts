import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { EVENT_LIMITS } from '@hub/domain';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class TimeRangeDto {
  @ApiProperty({ example: '09:00', description: "local time in the event's time zone" })
  @Matches(TIME, { message: 'start must be a time as HH:MM' })
  start!: string;

  @ApiProperty({ example: '12:30' })
  @Matches(TIME, { message: 'end must be a time as HH:MM' })
  end!: string;
}

export class EventWindowDto extends TimeRangeDto {
  @ApiPropertyOptional({ example: 'Morning', maxLength: 60 })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  name?: string | null;
}

export class EventDayDto {
  @ApiProperty({ example: '2027-03-18' })
  @Matches(DATE, { message: 'date must be a date as YYYY-MM-DD' })
  date!: string;

  @ApiProperty({ type: [EventWindowDto], description: 'session windows; the slot length must divide each' })
  @IsArray()
  @ArrayMinSize(1, { message: 'a day needs at least one session window' })
  @ArrayMaxSize(EVENT_LIMITS.windowsPerDay)
  @ValidateNested({ each: true })
  @Type(() => EventWindowDto)
  windows!: EventWindowDto[];

  @ApiPropertyOptional({ type: [TimeRangeDto], description: 'pauses inside the windows, on the slot grid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(EVENT_LIMITS.breaksPerDay)
  @ValidateNested({ each: true })
  @Type(() => TimeRangeDto)
  breaks?: TimeRangeDto[];
}

/** A partnering event: its calendar, tables (or virtual rooms) and limits per participant. */
export class CreateEventDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ default: 'Europe/Rome', description: 'IANA time zone' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string;

  @ApiProperty({ minimum: EVENT_LIMITS.slotMinutesMin, maximum: EVENT_LIMITS.slotMinutesMax, example: 20 })
  @IsInt()
  @Min(EVENT_LIMITS.slotMinutesMin)
  @Max(EVENT_LIMITS.slotMinutesMax)
  slotMinutes!: number;

  @ApiProperty({ type: [EventDayDto] })
  @IsArray()
  @ArrayMinSize(1, { message: 'an event needs at least one day' })
  @ArrayMaxSize(EVENT_LIMITS.days)
  @ValidateNested({ each: true })
  @Type(() => EventDayDto)
  days!: EventDayDto[];

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, description: 'numbered tables; give tables or roomLinks' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  tables?: number;

  @ApiPropertyOptional({ type: [String], description: 'virtual rooms: one link per table, instead of tables' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsUrl({ require_protocol: true, protocols: ['https', 'http'] }, { each: true, message: 'each of roomLinks must be an http(s) URL' })
  roomLinks?: string[];

  @ApiProperty({ minimum: 1, maximum: 200 })
  @IsInt()
  @Min(1)
  @Max(200)
  maxMeetingsPerParticipant!: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 200, default: 0, description: 'fair-coverage target per participant' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(200)
  minMeetingsPerParticipant?: number;

  @ApiPropertyOptional({ default: false, description: 'hosts (funds, research centres) keep one table all event' })
  @IsOptional()
  @IsBoolean()
  hostTables?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, description: 'open outgoing meeting requests per organisation for this event' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  requestQuota?: number | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 365, description: 'days before a pending request for this event expires' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  requestTtlDays?: number | null;
}
