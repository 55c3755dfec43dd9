import { tableDataActions } from '@jixiao/infra/cdk/capability-functions.ts';
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionIdOf, resourcesOf, type Synthesized, synthJixiao } from './support/jixiao-synth.ts';

/**
 * The export jobs' and the archive jobs' functions in the template (docs/domain/daily-work.md#exports-across-departments,
 * docs/domain/key-evaluation.md#the-archive): Node 24 with Lambda's longest time, not retried by Lambda; the table's
 * item-level data grant and the evidence bucket's objects, nothing more; the daily-work API function may invoke each
 * (that one only) and knows each one's name by its own variable.
 */
let synth: Synthesized;
beforeAll(() => {
  synth = synthJixiao();
});
afterAll(() => synth?.dispose());

type Statement = { Action: string | string[]; Resource: unknown };
const statementsOf = (rolePart: string): Statement[] =>
  Object.values(resourcesOf(synth.template, 'AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties?.Roles).includes(rolePart))
    .flatMap((p) => (p.Properties?.PolicyDocument as { Statement: Statement[] } | undefined)?.Statement ?? []);
const actionsOf = (statements: Statement[]) =>
  statements.flatMap((st) => (Array.isArray(st.Action) ? st.Action : [st.Action]));

describe.each([
  { name: 'export-jobs', construct: 'ExportJobs', variable: 'EXPORT_FUNCTION_NAME' },
  { name: 'archive-jobs', construct: 'ArchiveJobs', variable: 'ARCHIVE_FUNCTION_NAME' },
])('the $name function', ({ name, construct, variable }) => {
  it('runs for up to 15 minutes on Node 24, and Lambda does not retry it', () => {
    const id = functionIdOf(synth.template, name);
    synth.template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Timeout: 900,
      Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: `jixiao-${name}` }) },
    });
    synth.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: id },
      MaximumRetryAttempts: 0,
    });
  });

  it('reads and writes the table item by item and the bucket’s objects, and nothing else', () => {
    const statements = statementsOf(construct);
    const actions = actionsOf(statements);
    expect(actions).toEqual(expect.arrayContaining([...tableDataActions, 's3:GetObject', 's3:PutObject']));
    expect(actions.filter((a) => a === 'dynamodb:Scan' || a.startsWith('s3:Delete') || a === 's3:ListBucket')).toEqual(
      [],
    );
    expect(actions.every((a) => !a.endsWith('*'))).toBe(true);
  });

  it('is invoked by the daily-work API function, which is told its name', () => {
    const exportId = functionIdOf(synth.template, name);
    synth.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'jixiao-daily-work',
          [variable]: { Ref: exportId },
        }),
      },
    });
    const invokers = Object.values(resourcesOf(synth.template, 'AWS::IAM::Policy')).filter((p) =>
      JSON.stringify(p.Properties?.PolicyDocument).includes('lambda:InvokeFunction'),
    );
    const invokeStatements = invokers.flatMap(
      (p) => (p.Properties?.PolicyDocument as { Statement: Statement[] } | undefined)?.Statement ?? [],
    );
    const exportInvokes = invokeStatements.filter((st) => JSON.stringify(st.Resource).includes(exportId));
    expect(exportInvokes.length).toBeGreaterThan(0);
    // Only the daily-work function's role is granted the invoke.
    const granted = invokers.filter((p) => JSON.stringify(p.Properties?.PolicyDocument).includes(exportId));
    expect(granted.map((p) => JSON.stringify(p.Properties?.Roles))).toEqual([expect.stringContaining('dailywork')]);
  });
});
