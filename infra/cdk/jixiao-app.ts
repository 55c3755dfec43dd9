import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { JixiaoStack } from './jixiao-stack.ts';
import { acknowledgeNagFindings } from './nag-acknowledgements.ts';

export interface JixiaoAppOptions {
  /** The built PWA; defaults to web/build. */
  webBuildDir?: string;
  /** Only the test that proves every acknowledgement is still needed turns this off. */
  acknowledgeNagFindings?: boolean;
}

export const stackName = 'JixiaoStack';

/**
 * The app as `cdk synth` builds it and as the tests build it: the stack, its acknowledged findings,
 * and cdk-nag, which fails the synth (and so the deploy) on any finding neither fixed nor
 * acknowledged.
 */
export const createJixiaoApp = (
  appProps: AppProps = {},
  options: JixiaoAppOptions = {},
): { app: App; stack: JixiaoStack } => {
  const app = new App(appProps);
  const stack = new JixiaoStack(app, stackName, {
    description: 'Jixiao (绩效) budget performance management',
    ...(options.webBuildDir ? { webBuildDir: options.webBuildDir } : {}),
  });
  if (options.acknowledgeNagFindings !== false) acknowledgeNagFindings(stack);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, stack };
};
