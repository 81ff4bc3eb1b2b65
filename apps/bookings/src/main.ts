import 'reflect-metadata';
import { runServiceCommand } from '@cocomo/platform';
import { bookingsDefinition, BookingsModule } from './bookings.module';

void runServiceCommand({ ...bookingsDefinition, module: (env) => BookingsModule.forRoot(env) });
