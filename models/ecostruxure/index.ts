export * from './catalog';
export * from './entitlement.machine';
export * from './license.rules';
export { serverLicenseMachine } from './license.machine';
export * from './seats';
export * from './selection';
export * from './apply';
