import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsObject, Max, Min, ValidateNested } from 'class-validator';
import type { TtWeights, VcWeights } from '@hub/domain';

const WEIGHT = { min: 0, max: 10 };

/** A factor weight: relative within its side of the pair; 0 switches the factor off. */
function Weight(): PropertyDecorator {
  return (target, key) => {
    ApiProperty({ minimum: WEIGHT.min, maximum: WEIGHT.max })(target, key);
    IsNumber({ allowNaN: false, allowInfinity: false })(target, key);
    Min(WEIGHT.min)(target, key);
    Max(WEIGHT.max)(target, key);
  };
}

export class VcWeightsDto implements VcWeights {
  @Weight() thesisAreas!: number;
  @Weight() stage!: number;
  @Weight() ticket!: number;
  @Weight() maturity!: number;
  @Weight() text!: number;
  @Weight() wantsInvestment!: number;
  @Weight() fundCoversCompany!: number;
  @Weight() ticketForCompany!: number;
}

export class TtWeightsDto implements TtWeights {
  @Weight() companyAreas!: number;
  @Weight() absorption!: number;
  @Weight() collaboration!: number;
  @Weight() offerAreas!: number;
  @Weight() needsText!: number;
  @Weight() wantsTechnology!: number;
}

/** PUT /api/v1/scoring/config: the whole configuration (every weight required), saved as the next version. */
export class UpdateScoringConfigDto {
  @ApiProperty({ type: VcWeightsDto })
  @IsObject({ message: 'venture_capital must be an object of weights' })
  @ValidateNested()
  @Type(() => VcWeightsDto)
  venture_capital!: VcWeightsDto;

  @ApiProperty({ type: TtWeightsDto })
  @IsObject({ message: 'tech_transfer must be an object of weights' })
  @ValidateNested()
  @Type(() => TtWeightsDto)
  tech_transfer!: TtWeightsDto;

  @ApiProperty({ minimum: 0, maximum: 100 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  minScore!: number;

  @ApiProperty({ minimum: 1, maximum: 1000 })
  @IsInt()
  @Min(1)
  @Max(1000)
  maxPerOrganisation!: number;

  @ApiProperty({ minimum: 0, maximum: 5 })
  @IsInt()
  @Min(0)
  @Max(5)
  stageTolerance!: number;

  @ApiProperty({ minimum: 1, maximum: 1000 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(1000)
  ticketToleranceFactor!: number;
}
