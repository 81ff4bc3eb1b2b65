// Every queue of every service, as operators watch them on the queue board and on /metrics: each service's inbox
// and the notifications' delivery queue, under the deployment's QUEUE_PREFIX.
import { inboxQueue, SERVICES } from '@cocomo/contracts';

/** The notifications service's queue of mails to send (apps/notifications/src/delivery/delivery-queue.ts). */
export const DELIVERY_QUEUE = 'notifications-delivery';
export const WATCHED_QUEUE_NAMES = [...SERVICES.map(inboxQueue), DELIVERY_QUEUE];
