import { defineConfig } from 'vitest/config';
import base from '../vitest.config.ts';

/**
 * The repository's "unit" project on its own, for mutation testing (stryker.config.mjs): StrykerJS's vitest runner
 * takes one config file and no project filter, and only the unit tests are fast enough to run once per mutant.
 */
const unit = base.test?.projects?.find(
  (project) => typeof project === 'object' && 'test' in project && project.test?.name === 'unit',
);
if (typeof unit !== 'object' || !('test' in unit)) throw new Error('vitest.config.ts has no "unit" project');

export default defineConfig({ test: { ...unit.test, name: 'unit', root: '.' } });
