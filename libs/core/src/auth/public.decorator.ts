import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'hub:isPublic';
/** Marks a route reachable without a token; everything else needs one. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
