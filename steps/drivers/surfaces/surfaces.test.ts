import { relative } from 'node:path';
import { expect, test } from 'vitest';
import { declaredInterfaces, surfacesOf } from './declarations';
import { SURFACE_NAMES } from './index';

/** A surface a team can implement for its own system in an afternoon; past this, split it. */
const MOST_METHODS = 15;

const interfaces = declaredInterfaces();
const surfaces = [...surfacesOf('SmartServerSurfaces', interfaces), ...surfacesOf('EcoStruxureSurfaces', interfaces)];

test("no interface here has more than a small surface's methods, so none gathers every operation again", () => {
  expect(surfaces.length).toBeGreaterThanOrEqual(13);
  const large = interfaces.filter((i) => i.methods.length > MOST_METHODS).map((i) => `${i.name}: ${i.methods.length} methods`);
  expect(large).toEqual([]);
});

test('every surface says which vendor system it stands for, and every operation what it does', () => {
  for (const { declared } of surfaces) {
    expect(declared.documented, `${declared.name} has no JSDoc`).toBe(true);
    expect(declared.methods.length, `${declared.name} has no operations`).toBeGreaterThan(0);
    expect(declared.properties, `${declared.name} should have operations only`).toEqual([]);
    expect(declared.methods.filter((m) => !m.documented).map((m) => `${declared.name}.${m.name}`)).toEqual([]);
  }
});

test('each surface is declared in a file of its own', () => {
  const files = surfaces.map(({ declared }) => relative(__dirname, declared.file));
  expect(new Set(files).size).toBe(files.length);
});

test('SURFACE_NAMES lists every SmartServer surface', () => {
  expect([...SURFACE_NAMES].sort()).toEqual(
    surfacesOf('SmartServerSurfaces', interfaces)
      .map((s) => s.surface)
      .sort(),
  );
});
