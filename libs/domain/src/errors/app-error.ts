import { ErrorCode } from './error-code';

/** One broken rule on one field: what a form shows next to the input. */
export interface FieldViolation {
  /** Dotted path of the field, e.g. `ticketMinEur` or `sectors.2`. */
  field: string;
  /** Machine-readable rule name, e.g. `max`, `isIn`, `taxonomyCode`. */
  rule: string;
  message: string;
}

/** A failure with a code the edge can map to a status; `violations` lists field errors for 400s. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly violations: FieldViolation[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }

  static validation(violations: FieldViolation[]): AppError {
    const summary = violations.map((v) => `${v.field}: ${v.message}`).join('; ');
    return new AppError(ErrorCode.ValidationFailed, summary || 'invalid input', violations);
  }

  static notFound(what: string, id: string): AppError {
    return new AppError(ErrorCode.NotFound, `${what} ${id} not found`);
  }

  static forbidden(message: string): AppError {
    return new AppError(ErrorCode.Forbidden, message);
  }
}
