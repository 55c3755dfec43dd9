import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strykerPlugins as vitestPlugins } from '@stryker-mutator/vitest-runner';

/**
 * StrykerJS's vitest runner (9.6) with its test filter fixed for vitest 5.
 *
 * The runner names a test by its suites and its own name joined with spaces ("tally counts a report") and, for each
 * mutant, runs only the tests that cover it by turning those names into vitest's `testNamePattern`. Vitest 5 matches
 * that pattern against the full name joined with " > " ("tally > counts a report"), so every test inside a
 * `describe` is skipped, nothing fails and every covered mutant is reported as survived. This runner learns each
 * test's vitest full name in the dry run and hands the runner those names instead. Used as `testRunner:
 * 'vitest-full-name'` in stryker.config.mjs; docs/testing.md says why.
 *
 * After a mutant times out, Stryker replaces the runner with a fresh process that never runs the dry run, so the
 * names are also written to a file in the sandbox and read back by a runner that has not learnt them: without it,
 * every mutant after the first timeout ran no test and counted as survived.
 */
const vitest = vitestPlugins.find((plugin) => plugin.name === 'vitest');
if (!vitest?.factory) throw new Error('@stryker-mutator/vitest-runner no longer declares its "vitest" factory');

/** The runner's own test id: the file relative to the working directory, '#', the names joined with spaces. */
function strykerTestId(test) {
  const names = [test.name];
  for (let suite = test.suite; suite; suite = suite.suite) names.unshift(suite.name);
  const file = path.relative(process.cwd(), test.file.filepath).replace(/\\/g, '/');
  return `${file}#${names.join(' ').trim()}`;
}

function* testsOf(task) {
  for (const child of task.tasks ?? []) {
    if (child.type === 'test') yield child;
    else if (child.type === 'suite') yield* testsOf(child);
  }
}

/** Where the dry run leaves the names for the runners that replace it (the sandbox is the working directory). */
const namesFile = () => path.join(process.cwd(), '.stryker-vitest-full-names.json');

function createRunner(injector) {
  const runner = vitest.factory(injector);
  /** Stryker's test id → the same test as `file#full name` with vitest's separators. */
  const fullNames = new Map();
  const learnt = () => {
    if (fullNames.size === 0 && existsSync(namesFile())) {
      for (const [id, name] of JSON.parse(readFileSync(namesFile(), 'utf8'))) fullNames.set(id, name);
    }
    return fullNames;
  };
  const run = runner.run.bind(runner);
  runner.run = (options = {}) => {
    const names = options.testIds ? learnt() : fullNames;
    return run({ ...options, testIds: options.testIds?.map((id) => names.get(id) ?? id) });
  };
  const dryRun = runner.dryRun.bind(runner);
  runner.dryRun = async (options) => {
    const result = await dryRun(options);
    for (const file of runner.ctx.state.getFiles()) {
      for (const test of testsOf(file)) {
        fullNames.set(strykerTestId(test), `${test.file.filepath}#${test.fullTestName ?? test.name}`);
      }
    }
    writeFileSync(namesFile(), JSON.stringify([...fullNames]));
    return result;
  };
  return runner;
}
createRunner.inject = vitest.factory.inject;

export const strykerPlugins = [{ ...vitest, name: 'vitest-full-name', factory: createRunner }];
