// GET /metrics: the service's Prometheus exposition. It tells queue depths, backlogs and the process's state,
// so it takes the operator token like every operators' surface: Prometheus sends it as a bearer token.
import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Registry } from 'prom-client';
import { OperatorGuard } from '../operator.guard';

@ApiExcludeController()
@UseGuards(OperatorGuard)
@Controller('metrics')
export class PrometheusController {
  constructor(private readonly registry: Registry) {}

  @Get()
  async exposition(@Res() response: Response): Promise<void> {
    response.type(this.registry.contentType).send(await this.registry.metrics());
  }
}
