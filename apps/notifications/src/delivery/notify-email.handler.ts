// notify.email: renders the mail and records it as a delivery, then sends it. The delivery's insert, keyed by
// the notification id, is the command's idempotency record: a second command for the same notification (the
// same message again, or another) inserts nothing and sends nothing. So the command runs outside the inbox: one
// statement, and when this process sends at once the delivery is inserted already claimed for that attempt.
import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { notifyEmail, type Envelope, type NotifyEmail } from '@cocomo/contracts';
import { currentCorrelationId, OWN_IDEMPOTENCE } from '@cocomo/messaging';
import { OperatorAccounts } from '../operators/operator-accounts';
import { PersonalData } from '../personal-data/personal-data.service';
import { MailRenderer, type RenderedMail } from '../templates/mail-renderer';
import { Deliveries, type NewDelivery } from './deliveries.service';
import { DeliveryQueue } from './delivery-queue';
import { DeliveryWorker } from './delivery-worker';
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
    private readonly deliveries: Deliveries,
    private readonly renderer: MailRenderer,
    private readonly queue: DeliveryQueue,
    private readonly worker: DeliveryWorker,
    private readonly operators: OperatorAccounts,
    private readonly personalData: PersonalData,
  ) {}

  @EventPattern(notifyEmail.name, OWN_IDEMPOTENCE)
  async handle(@Payload() message: Envelope<NotifyEmail>): Promise<void> {
    const parsed = notifyEmailSchema.safeParse(message.payload);
    if (!parsed.success) return this.refuse(message, commandProblems(parsed.error));
    const command = parsed.data;
    // A mail to a person erased (sent before their erasure reached its sender) is not kept, nor sent.
    if (await this.personalData.isErased(command.to.email)) {
      return void this.logger.log(
        `notify.email for ${command.notificationId} dropped: its recipient was erased`,
      );
    }
    let mail: RenderedMail;
    try {
      mail = this.renderer.render(command);
    } catch (error) {
      return this.refuse(message, `the mail cannot be rendered: ${(error as Error).message}`);
    }
    const delivery: NewDelivery = {
      ...this.deliveryOf(await this.addressed(command), mail),
      status: 'queued',
    };
    const job = { deliveryId: delivery.id, correlationId: delivery.correlationId };
    // A place for sending here at once (waiting a moment for one in a burst): the delivery is then inserted as
    // that attempt, claimed already.
    const place = await this.worker.reserveSoon();
    if (!place) {
      if (await this.deliveries.record(delivery)) await this.queue.add([job]);
      return;
    }
    const recorded = await this.deliveries.recordClaimed(delivery).catch((error: unknown) => {
      place.release();
      throw error;
    });
    if (!recorded) return place.release();
    this.queue.retryIfNeeded(job, place.send(recorded));
  }

  /** A mail for operators goes to those holding the role for the space's country; else to OPERATOR_EMAIL. */
  private async addressed(command: ValidNotifyEmail): Promise<ValidNotifyEmail> {
    if (!command.operators) return command;
    const emails = await this.operators.recipientsFor(command.operators.role, command.operators.country);
    return emails.length ? { ...command, to: { email: emails.join(', ') } } : command;
  }

  /**
   * A command that can never become a mail is recorded as a failed delivery, so that operators see it and
   * notification.failed tells its sender, rather than retried in vain.
   */
  private async refuse(message: Envelope<NotifyEmail>, reason: string): Promise<void> {
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
    // The failed delivery and notification.failed commit together.
    await this.deliveries.transaction(async (em) => {
      if (await this.deliveries.record(delivery, em)) this.deliveries.announceFailure(delivery, reason, em);
    });
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
