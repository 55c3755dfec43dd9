import type { JixiaoStack } from './jixiao-stack.ts';

export const acknowledgeNagFindings = (_stack: JixiaoStack): void => {};
