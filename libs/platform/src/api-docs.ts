// OpenAPI docs for a service, at /docs and under the service's own API prefix (so the router can reach them).
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import type { ServiceName } from '@cocomo/contracts';

const descriptions: Record<ServiceName, string> = {
  directory: 'The space directory: registration, review, search, GeoJSON and SpaceAPI export.',
  bookings: 'Booking requests and the protocols that find and keep a space for an event.',
  notifications: 'Email deliveries and, in development, the mailbox.',
  metrics: "The seed's metrics, Prometheus exposition and the operators' dashboards.",
};

export function mountApiDocs(app: INestApplication, service: ServiceName, apiPrefix: string): void {
  const config = new DocumentBuilder()
    .setTitle(`CoCoMo ${service}`)
    .setDescription(
      `${descriptions[service]} Operator endpoints need \`Authorization: Bearer <OPERATOR_TOKEN>\`.`,
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = cleanupOpenApiDoc(SwaggerModule.createDocument(app, config));
  SwaggerModule.setup('docs', app, document);
  SwaggerModule.setup(`${apiPrefix}/docs`, app, document);
}
