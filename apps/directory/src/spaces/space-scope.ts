// An operator limited to some countries acts on the spaces of those countries only: to them every other space
// does not exist (404), so that nothing says what is outside their scope.
import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { inScope, NotFound, operatorOf } from '@cocomo/platform';
import type { Space } from './space.entity';
import { SpaceRepository } from './space.repository';

@Injectable()
export class SpaceScope {
  constructor(private readonly repository: SpaceRepository) {}

  /** Throws NotFound when the request's operator may not act on the space's country. */
  async check(request: Request, id: string): Promise<void> {
    const countries = operatorOf(request)?.countries ?? null;
    if (countries === null) return;
    const space = await this.repository.byId(id);
    if (space && !inScope(countries, space.country)) throw new NotFound('Space', id);
  }

  /** The spaces of a list the request's operator acts on. */
  within(request: Request, spaces: Space[]): Space[] {
    const countries = operatorOf(request)?.countries ?? null;
    return spaces.filter((space) => inScope(countries, space.country));
  }
}
