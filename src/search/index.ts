export * from './budget';
export * from './folds';
export * from './halving';
export * from './sampler';
export * from './search';
export * from './seeds';
export * from './space';
export * from './select';
