import type { ValidationError } from 'class-validator';
import { AppError, type FieldViolation } from '@hub/domain';

/** Flattens class-validator's tree into one violation per broken rule, with dotted field paths. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldViolation[] {
  const violations: FieldViolation[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    for (const [rule, message] of Object.entries(error.constraints ?? {})) {
      violations.push({ field, rule: rule === 'whitelistValidation' ? 'unknownField' : rule, message: rule === 'whitelistValidation' ? `${field} is not an accepted field` : message });
    }
    if (error.children?.length) violations.push(...flattenValidationErrors(error.children, field));
  }
  return violations;
}

export function validationExceptionFactory(errors: ValidationError[]): AppError {
  return AppError.validation(flattenValidationErrors(errors));
}
