import 'reflect-metadata';
import { runServiceCommand } from '@cocomo/platform';
import { directoryDefinition, DirectoryModule } from './directory.module';
import { seedDemoSpaces } from './demo/seed-demo';

void runServiceCommand(
  { ...directoryDefinition, module: (env) => DirectoryModule.forRoot(env), concurrency: 16 },
  { 'seed-demo': seedDemoSpaces },
);
