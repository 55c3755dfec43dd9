import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { JixiaoStack } from './jixiao-stack.ts';
import { acknowledgeNagFindings } from './nag-acknowledgements.ts';

export interface JixiaoAppOptions {
  /** Extra context; the CLI passes cdk.json's through the environment instead. */
  context?: Record<string, unknown>;
  outdir?: string;
  webBuildDir?: string;
  /** Only the test that proves every acknowledgement is still needed turns this off. */
  acknowledgeNagFindings?: boolean;
}

export const stackName = 'JixiaoStack';

/** The app as `cdk synth` builds it, and as the tests build it: the stack plus cdk-nag. */
export const createJixiaoApp = (options: JixiaoAppOptions = {}): { app: App; stack: JixiaoStack } => {
  const app = new App({
    ...(options.context ? { context: options.context } : {}),
    ...(options.outdir ? { outdir: options.outdir } : {}),
  });
  const stack = new JixiaoStack(app, stackName, {
    description: 'Jixiao (绩效) budget performance management',
    ...(options.webBuildDir ? { webBuildDir: options.webBuildDir } : {}),
  });
  if (options.acknowledgeNagFindings !== false) acknowledgeNagFindings(stack);
  // A finding that is neither fixed nor acknowledged fails the synth (and so the deploy).
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, stack };
};
