// How a delivery looks in the operators' API: the list shows what went wrong at a glance, the detail all of it.
import type { Delivery } from '../delivery/delivery.entity';
import type { DeliveryDetail, DeliverySummary } from './deliveries.dto';

export function deliverySummary(delivery: Delivery): DeliverySummary {
  return {
    id: delivery.id,
    template: delivery.template,
    recipient: delivery.recipient,
    subject: delivery.subject,
    status: delivery.status,
    attempts: delivery.attempts,
    lastError: delivery.lastError,
    createdAt: delivery.createdAt.toISOString(),
    sentAt: delivery.sentAt?.toISOString() ?? null,
  };
}

export function deliveryDetail(delivery: Delivery): DeliveryDetail {
  return {
    ...deliverySummary(delivery),
    locale: delivery.locale,
    recipientName: delivery.recipientName,
    actions: delivery.actions,
    calendar: delivery.calendar,
    correlationId: delivery.correlationId,
    text: delivery.text,
    html: delivery.html,
  };
}
