// GET /api/notifications: the operators' view of deliveries, for example the failed ones.
import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiAnswer, ApiProblems, NotFound, OperatorGuard } from '@cocomo/platform';
import { Deliveries } from '../delivery/deliveries.service';
import {
  DeliveryDetailDto,
  DeliveryListDto,
  ListDeliveriesDto,
  type DeliveryDetail,
  type DeliveryList,
} from './deliveries.dto';
import { deliveryDetail, deliverySummary } from './delivery-view';

@ApiTags('notifications')
@ApiBearerAuth()
@UseGuards(OperatorGuard)
@ApiProblems(401, 403)
@Controller('api/notifications')
export class DeliveriesController {
  constructor(private readonly deliveries: Deliveries) {}

  /** Deliveries, newest first; `?status=failed` lists the mails that could not be sent. */
  @Get()
  @ApiAnswer(DeliveryListDto)
  @ApiProblems(400)
  async list(@Query() query: ListDeliveriesDto): Promise<DeliveryList> {
    const found = await this.deliveries.list(query.status, query.limit);
    return { items: found.map(deliverySummary) };
  }

  @Get(':id')
  @ApiAnswer(DeliveryDetailDto)
  @ApiProblems(404)
  async get(@Param('id') id: string): Promise<DeliveryDetail> {
    const delivery = await this.deliveries.find(id);
    if (!delivery) throw new NotFound('Notification', id);
    return deliveryDetail(delivery);
  }
}
