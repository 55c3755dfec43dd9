import { createJixiaoApp } from './jixiao-app.ts';

createJixiaoApp();
