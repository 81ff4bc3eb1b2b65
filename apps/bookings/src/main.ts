import 'reflect-metadata';
import { runServiceCommand } from '@cocomo/platform';
import { bookingsApp } from './bookings.module';

void runServiceCommand(bookingsApp);
