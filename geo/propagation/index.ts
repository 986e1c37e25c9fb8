export * from './types';
export * from './free-space';
export * from './hata';
export * from './field-strength';
export * from './horizon';
export * from './model';
export * from './path-loss';
export * from './inverse';
