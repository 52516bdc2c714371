import { join } from 'node:path';
import { expect, test } from 'vitest';
import { defaultConfig } from '../steps/config/project-config';
import { PACKAGE_ROOT, packageProfiles, projectProfiles } from './cucumber-profiles';
import { patternBase } from './project';

test("in a project, every profile loads the bundled code and features by absolute path, adds the project's own and writes to its reports", () => {
  const config = {
    ...defaultConfig('/work/team'),
    features: ['/work/team/features/**/*.feature'],
    steps: ['/work/team/features/steps/**/*.ts'],
    reports: '/work/team/out',
  };
  const profiles = projectProfiles(config);
  expect(Object.keys(profiles)).toEqual(Object.keys(packageProfiles()));
  const mock = profiles.default;
  expect(mock.require).toEqual([
    join(PACKAGE_ROOT, 'bin/register.js'),
    join(PACKAGE_ROOT, 'steps/parameter-types.ts'),
    join(PACKAGE_ROOT, 'steps/support/!(*.test).ts'),
    join(PACKAGE_ROOT, 'steps/*.steps.ts'),
    join(PACKAGE_ROOT, 'steps/ecostruxure/*.steps.ts'),
    '/work/team/features/steps/**/*.ts',
  ]);
  expect(mock.paths).toEqual([join(PACKAGE_ROOT, 'features/**/*.feature'), '/work/team/features/**/*.feature']);
  expect(mock.format).toContain('json:/work/team/out/mock/cucumber.json');
  expect(mock.format).toContain('progress');
  expect(profiles.real.tags).toBe(packageProfiles().real.tags);
  expect(projectProfiles({ ...config, bundledSuite: false }).browser.paths).toEqual(['/work/team/features/**/*.feature']);
});

test('the folder a feature pattern starts from', () => {
  expect(patternBase('/work/team/features/**/*.feature')).toBe('/work/team/features');
  expect(patternBase('/work/team/features/area-*/x.feature')).toBe('/work/team/features');
  expect(patternBase('/work/team/one.feature')).toBe('/work/team');
});
