export * from './districts/validate';
export * from './districts/point-index';
export * from './districts/approximate';
export * from './districts/area';
export * from './units';
export * from './emission/designator';
export * from './power';
export * from './bandplan/check';
