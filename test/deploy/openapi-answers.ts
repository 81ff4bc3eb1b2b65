// What an OpenAPI document leaves undescribed: an operation without a JSON (or text) schema for its 2xx answer,
// without any 4xx answer, or with a 4xx answer that is not the problem body the ProblemFilter writes.
import type {
  OpenAPIObject,
  OperationObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export const PROBLEM_REF = '#/components/schemas/ProblemAnswerDto';

export interface Operation {
  name: string;
  operation: OperationObject;
}

export function operationsOf(document: OpenAPIObject): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const operation = item?.[method];
      return operation ? [{ name: `${method.toUpperCase()} ${path}`, operation }] : [];
    }),
  );
}

/** A schema that says something: a reference to a component that exists, or a schema with a type or parts. */
function describes(document: OpenAPIObject, schema: SchemaObject | ReferenceObject): boolean {
  if ('$ref' in schema) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = document.components?.schemas?.[name];
    return target !== undefined && describes(document, target);
  }
  return Boolean(schema.type ?? schema.properties ?? schema.anyOf ?? schema.oneOf ?? schema.allOf);
}

function contentSchemas(response: ResponseObject | ReferenceObject | undefined) {
  if (!response || '$ref' in response) return [];
  return Object.entries(response.content ?? {}).flatMap(([type, media]) =>
    media.schema ? [{ type, schema: media.schema }] : [],
  );
}

export function undescribedAnswers(document: OpenAPIObject): string[] {
  const findings: string[] = [];
  for (const { name, operation } of operationsOf(document)) {
    const responses = Object.entries(operation.responses ?? {});
    const ok = responses.filter(([status]) => /^2\d\d$/.test(status));
    if (
      !ok.some(([, response]) => contentSchemas(response).some(({ schema }) => describes(document, schema)))
    )
      findings.push(`${name}: no schema for its 2xx answer`);
    const refusals = responses.filter(([status]) => /^4(\d\d|XX)$/.test(status));
    if (refusals.length === 0) findings.push(`${name}: no 4xx answer`);
    for (const [status, response] of refusals) {
      const schemas = contentSchemas(response);
      const problem = schemas.some(
        ({ type, schema }) => type === 'application/json' && '$ref' in schema && schema.$ref === PROBLEM_REF,
      );
      if (!problem) findings.push(`${name}: its ${status} answer is not the problem body`);
    }
  }
  if (!document.components?.schemas?.ProblemAnswerDto) findings.push('no ProblemAnswerDto schema');
  return findings;
}

/** The one value a schema allows (`enum` of one, or `const`), as text; undefined when it allows more. */
function onlyValue(schema: SchemaObject | undefined): string | undefined {
  if (!schema) return undefined;
  if ('const' in schema) return JSON.stringify((schema as { const: unknown }).const);
  if (schema.enum?.length === 1) return JSON.stringify(schema.enum[0]);
  // A number literal, as zod's literals are written: its least and greatest value the same.
  return schema.minimum !== undefined && schema.minimum === schema.maximum
    ? JSON.stringify(schema.minimum)
    : undefined;
}

/** Whether no value can match two of these alternatives. */
function disjoint(alternatives: SchemaObject[]): boolean {
  // Single values, all different (a union of literals).
  const values = alternatives.map(onlyValue);
  if (values.every((value) => value !== undefined) && new Set(values).size === values.length) return true;
  // A shared property whose single value tells them apart (a discriminated union).
  const tagged = Object.keys(alternatives[0]?.properties ?? {}).some((key) => {
    const tags = alternatives.map((alternative) => onlyValue(alternative.properties?.[key] as SchemaObject));
    return tags.every((tag) => tag !== undefined) && new Set(tags).size === tags.length;
  });
  if (tagged) return true;
  // Objects, each requiring a property that no other names (what the code sends or takes has no others).
  return alternatives.every((alternative, index) =>
    (alternative.required ?? []).some((key) =>
      alternatives.every((other, otherIndex) => otherIndex === index || !(key in (other.properties ?? {}))),
    ),
  );
}

/**
 * Where a `oneOf` may match an answer twice, which makes the answer invalid: its alternatives must be told apart
 * by a single value (literals, or a property of the union's members), or be objects each requiring a property
 * the others do not name; else `anyOf` or one object it is.
 */
export function ambiguousOneOfs(schema: unknown, at = '#'): string[] {
  if (!schema || typeof schema !== 'object') return [];
  const here: string[] = [];
  const { oneOf } = schema as { oneOf?: SchemaObject[] };
  if (Array.isArray(oneOf) && !disjoint(oneOf)) here.push(at);
  return [
    ...here,
    ...Object.entries(schema).flatMap(([key, value]) => ambiguousOneOfs(value, `${at}/${key}`)),
  ];
}
