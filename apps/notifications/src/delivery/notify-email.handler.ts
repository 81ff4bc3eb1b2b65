// notify.email: renders the mail and records it as a delivery, in the inbox's transaction. The delivery is
// queued for sending once that transaction commits; a second command for the same notification changes nothing.
import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EntityManager } from '@mikro-orm/postgresql';
import { notifyEmail, type Envelope, type NotifyEmail } from '@cocomo/contracts';
import { currentCorrelationId } from '@cocomo/messaging';
import { MailRenderer, type RenderedMail } from '../templates/mail-renderer';
import { Deliveries, type NewDelivery } from './deliveries.service';
import { DeliveryQueue } from './delivery-queue';
import {
  commandProblems,
  NOTIFICATION_ID,
  notifyEmailSchema,
  type ValidNotifyEmail,
} from './notify-email.schema';

@Controller()
export class NotifyEmailHandler {
  private readonly logger = new Logger(NotifyEmailHandler.name);

  constructor(
    private readonly em: EntityManager,
    private readonly deliveries: Deliveries,
    private readonly renderer: MailRenderer,
    private readonly queue: DeliveryQueue,
  ) {}

  @EventPattern(notifyEmail.name)
  async handle(@Payload() message: Envelope<NotifyEmail>): Promise<void> {
    const em = this.em.getContext();
    const parsed = notifyEmailSchema.safeParse(message.payload);
    if (!parsed.success) return this.refuse(em, message, commandProblems(parsed.error));
    const command = parsed.data;
    let mail: RenderedMail;
    try {
      mail = this.renderer.render(command);
    } catch (error) {
      return this.refuse(em, message, `the mail cannot be rendered: ${(error as Error).message}`);
    }
    const delivery = { ...this.deliveryOf(command, mail), status: 'queued' as const };
    if (await this.deliveries.record(em, delivery)) {
      this.queue.addAfterCommit(em, { deliveryId: delivery.id, correlationId: delivery.correlationId });
    }
  }

  /**
   * A command that can never become a mail is recorded as a failed delivery, so that operators see it and
   * notification.failed tells its sender, rather than retried in vain.
   */
  private async refuse(em: EntityManager, message: Envelope<NotifyEmail>, reason: string): Promise<void> {
    const payload = (message.payload ?? {}) as Partial<NotifyEmail>;
    const id = payload.notificationId;
    if (typeof id !== 'string' || !NOTIFICATION_ID.test(id)) {
      this.logger.error(`notify.email ${message.id} has no usable notificationId and is dropped: ${reason}`);
      return;
    }
    const delivery: NewDelivery = {
      ...this.deliveryOf(
        {
          notificationId: id,
          template: String(payload.template ?? '').slice(0, 255),
          locale: 'en',
          to: { email: String(payload.to?.email ?? '').slice(0, 320) },
          actions: [],
        },
        { locale: 'en', subject: '', text: '', html: '' },
      ),
      status: 'failed',
      lastError: reason,
    };
    this.logger.warn(`notify.email for ${id} refused: ${reason}`);
    if (await this.deliveries.record(em, delivery)) this.deliveries.announceFailure(em, delivery, reason);
  }

  private deliveryOf(
    command: Omit<ValidNotifyEmail, 'data'>,
    mail: RenderedMail,
  ): Omit<NewDelivery, 'status'> {
    return {
      id: command.notificationId,
      template: command.template,
      locale: mail.locale,
      recipient: command.to.email,
      recipientName: command.to.name ?? null,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      actions: command.actions,
      calendar: command.calendar ?? null,
      attempts: 0,
      lastError: null,
      createdAt: new Date(),
      correlationId: currentCorrelationId() ?? null,
    };
  }
}
