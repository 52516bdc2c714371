import type { DrivenSurface } from './systems';
import type { Location } from './location';

/** A preset: a target every project has, described in the terms of a configured one. */
export interface Preset {
  description: string;
  systems: { vendor: Location; smartservers: Location; ecostruxure: Location };
  surfaces: Partial<Record<DrivenSurface, 'api' | 'browser'>>;
  tags?: string;
}

const everywhere = (location: Location) => ({ vendor: location, smartservers: location, ecostruxure: location });

/** The surfaces with pages of their own in the emulator, driven through them by the browser preset. */
export const PAGE_SURFACES = ['partnerPortal', 'customerPortal', 'cms', 'cloud', 'devices'] as const satisfies readonly DrivenSurface[];

/**
 * The targets sslab has always had, as presets: `url` (from --url, or SSLAB_REAL_URL for real)
 * points them at a running system instead of one the run starts.
 */
export function presets(url?: string): Record<'mock' | 'emulator' | 'real' | 'browser', Preset> {
  return {
    mock: {
      description: 'the emulator in this process, each request handed to its application with inject',
      systems: everywhere({ kind: 'in-process' }),
      surfaces: {},
    },
    emulator: {
      description: url ? `the emulator at ${url}` : 'a spawned emulator process over HTTP',
      systems: everywhere(url ? { kind: 'url', url, admin: true } : { kind: 'emulator', admin: true }),
      surfaces: {},
    },
    real: {
      description: url ? `the services at ${url}` : 'a stand-in: the emulator seeded from features/fixtures/real-seed.json with its admin API off',
      systems: everywhere(url ? { kind: 'url', url, admin: false } : { kind: 'emulator', admin: false }),
      surfaces: {},
    },
    browser: {
      description: `${url ? `the emulator at ${url}` : 'a spawned emulator process'}, the @ui scenarios driven through its web pages in headless Chromium`,
      systems: everywhere(url ? { kind: 'url', url, admin: true } : { kind: 'emulator', admin: true }),
      surfaces: Object.fromEntries(PAGE_SURFACES.map((surface) => [surface, 'browser'])),
      tags: '@ui',
    },
  };
}

export const PRESET_NAMES = ['mock', 'emulator', 'real', 'browser'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];
