import type { ValueTransformer } from 'typeorm';

/**
 * pg returns BIGINT as string to avoid precision loss; euro amounts are capped at 1e12 by validation,
 * well inside Number.MAX_SAFE_INTEGER, so numbers are safe and what the API speaks.
 */
export const bigintToNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
