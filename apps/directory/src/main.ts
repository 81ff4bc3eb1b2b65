import 'reflect-metadata';
import { runServiceCommand } from '@cocomo/platform';
import { directoryApp } from './directory.module';
import { seedDemoSpaces } from './demo/seed-demo';

void runServiceCommand(directoryApp, { 'seed-demo': seedDemoSpaces });
