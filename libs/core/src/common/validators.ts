import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { GEOGRAPHY_REGIONS, isIsoCountry, taxonomy, type TaxonomyDimension } from '@hub/domain';

/** Every element is a code of the taxonomy dimension (unknown codes are named in the message). */
export function IsTaxonomyCode(dimension: TaxonomyDimension, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'taxonomyCode',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { each: true, ...options },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && taxonomy.has(dimension, value),
        defaultMessage: (args?: ValidationArguments) => {
          const values = Array.isArray(args?.value) ? args.value : [args?.value];
          const unknown = values.filter((v) => typeof v !== 'string' || !taxonomy.has(dimension, v)).map((v) => JSON.stringify(v));
          return `${args?.property} has unknown ${dimension} code(s) ${unknown.join(', ')}; see GET /api/v1/taxonomy`;
        },
      },
    });
}

export function IsIsoCountry(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isoCountry',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isIsoCountry(value),
        defaultMessage: (args?: ValidationArguments) => `${args?.property} must be an ISO 3166-1 alpha-2 country code such as IT`,
      },
    });
}

/** A fund geography: an ISO country code, `EU` or `WORLD`. */
export function IsGeography(options?: ValidationOptions): PropertyDecorator {
  const regions: readonly string[] = GEOGRAPHY_REGIONS;
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'geography',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { each: true, ...options },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && (regions.includes(value) || isIsoCountry(value)),
        defaultMessage: (args?: ValidationArguments) => `each of ${args?.property} must be an ISO 3166-1 alpha-2 code, EU or WORLD`,
      },
    });
}
