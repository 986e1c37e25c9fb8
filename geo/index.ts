export * from './districts/validate';
export * from './districts/point-index';
export * from './districts/approximate';
export * from './districts/area';
export * from './units';
