export * from './pattern';
export * from './footprint';
export * from './corridor';
