/**
 * sslab's programming interface for a team's own project. `require('sslab')` (index.js) registers
 * the TypeScript compiler hook and loads this file; TypeScript reads the types from here.
 */
import { join } from 'node:path';

/** The file a cucumber configuration requires to load every bundled step, the World and the hooks. */
export const STEP_LIBRARY = join(__dirname, 'steps', 'library.js');

export { World, runtime, type KnownPartner } from './steps/support/world';
export * from './steps/drivers/api';
export { apiEcoStruxureSurfaces } from './steps/drivers/api/ecostruxure';
export { ApiProblem, HttpClient, globalFetch, type Transport } from './steps/drivers/http-client';
export type * from './steps/drivers/surfaces';
export type { EcoStruxureSurfaces } from './steps/drivers/surfaces/ecostruxure';
export { startEmulator, type StartedEmulator, type StartEmulatorOptions } from './steps/start-emulator';
export { ConfigError, readProjectConfig, type ProjectConfig, type TargetSpec } from './steps/config/project-config';
export { main as runCli } from './cli/main';
export type { SurfaceContext, SurfaceFactory, CloudAdapterContext, CloudAdapterFactory } from './steps/support/driver-modules';
export type { CloudLicense, LicensingCloudPort, OfflineFile } from './emulator/kernel/ports';
export { HttpLicensingCloud } from './emulator/services/licensing-cloud';
export { cloudClientKeyFor } from './emulator/runtime/cloud-client-key';
export { startPartnerKit } from './partner-kit';
