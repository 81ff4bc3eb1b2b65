// OpenAPI docs for a service, at /docs and under the service's own API prefix (so the router can reach them).
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import type { ServiceName } from '@cocomo/contracts';
import { EVERY_OPERATION_REFUSALS, ProblemAnswerDto, REFUSALS } from './api-answers';

const descriptions: Record<ServiceName, string> = {
  directory: 'The space directory: registration, review, search, GeoJSON and SpaceAPI export.',
  bookings: 'Booking requests and the protocols that find and keep a space for an event.',
  notifications: 'Email deliveries and, in development, the mailbox.',
  metrics: "The seed's metrics, Prometheus exposition and the operators' dashboards.",
};

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** The service's OpenAPI document: each operation's answers come from the zod schemas its handler returns. */
export function apiDocument(app: INestApplication, service: ServiceName): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(`CoCoMo ${service}`)
    .setDescription(
      `${descriptions[service]} Operator endpoints need a named operator: \`Authorization: Bearer <personal API token>\` ` +
        '(made at /operators/account) or the session cookie; in development also the OPERATOR_TOKEN. ' +
        'Every refusal (4xx) answers the same problem body; a 400 names each field that is wrong in `problems`.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = cleanupOpenApiDoc(
    SwaggerModule.createDocument(app, config, { extraModels: [ProblemAnswerDto] }),
  );
  // Refusals any operation may meet (the public rate limits), said once here rather than on every handler.
  const problem = { $ref: `#/components/schemas/${ProblemAnswerDto.name}` };
  for (const operations of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = operations[method];
      if (!operation) continue;
      for (const status of EVERY_OPERATION_REFUSALS) {
        operation.responses[status] ??= {
          description: REFUSALS[status],
          content: { 'application/json': { schema: problem } },
        };
      }
    }
  }
  return document;
}

export function mountApiDocs(app: INestApplication, service: ServiceName, apiPrefix: string): void {
  const document = apiDocument(app, service);
  SwaggerModule.setup('docs', app, document);
  SwaggerModule.setup(`${apiPrefix}/docs`, app, document);
}
