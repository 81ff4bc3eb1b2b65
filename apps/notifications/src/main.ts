import 'reflect-metadata';
import { runServiceCommand } from '@cocomo/platform';
import { notificationsApp } from './notifications.module';
import { createOperator } from './operators/create-operator.command';

void runServiceCommand(notificationsApp, { 'create-operator': (context) => createOperator(context) });
