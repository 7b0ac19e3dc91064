export * from './errors/app-error';
export * from './errors/error-code';
export * from './geo/countries';
export * from './profile/profile.enums';
export * from './profile/profile.rules';
export * from './taxonomy/taxonomy';
export * from './taxonomy/taxonomy.data';
export * from './taxonomy/taxonomy.types';
