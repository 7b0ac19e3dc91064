import type { FieldViolation } from '@hub/domain';

/** The JSON body of every error response. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  errors?: FieldViolation[];
}
