// What a message is: a name and version from the catalogue, and an envelope that carries it between services.

export type MessageKind = 'event' | 'command' | 'query';

/** One entry of the catalogue. `P` is the payload type, `R` the reply of a query. */
export interface MessageDefinition<N extends string = string, P = unknown, R = unknown> {
  readonly name: N;
  readonly version: number;
  readonly kind: MessageKind;
  /** Phantom fields: they exist only for the type checker. */
  readonly payloadType?: P;
  readonly replyType?: R;
}

export type PayloadOf<M> = M extends MessageDefinition<string, infer P> ? P : never;
export type ReplyOf<M> = M extends MessageDefinition<string, unknown, infer R> ? R : never;

export const event =
  <P>() =>
  <N extends string>(name: N, version: number): MessageDefinition<N, P> => ({
    name,
    version,
    kind: 'event',
  });

export const command =
  <P>() =>
  <N extends string>(name: N, version: number): MessageDefinition<N, P> => ({
    name,
    version,
    kind: 'command',
  });

export const query =
  <P, R>() =>
  <N extends string>(name: N, version: number): MessageDefinition<N, P, R> => ({
    name,
    version,
    kind: 'query',
  });

/** What travels on the queue. The id is the BullMQ job id, so it never holds a ':'. */
export interface Envelope<P = unknown> {
  id: string;
  name: string;
  version: number;
  occurredAt: string;
  correlationId?: string;
  /** Set on a timer's message: it acts only while its timer is neither fired nor stopped. */
  timer?: true;
  payload: P;
}
