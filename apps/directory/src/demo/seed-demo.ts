// `main.js seed-demo`: fills an empty directory with the demo spaces, registered and approved through the
// same service calls a host and an operator would make, so their events reach the other services. Their
// hosts are made up, so no mail goes to them.
import type { INestApplicationContext } from '@nestjs/common';
import { MikroORM, RequestContext } from '@mikro-orm/postgresql';
import { SpaceRepository } from '../spaces/space.repository';
import { SpacesService } from '../spaces/spaces.service';
import { demoSpaces } from './demo-spaces';

export async function seedDemoSpaces(context: INestApplicationContext): Promise<void> {
  const orm = context.get(MikroORM);
  await RequestContext.create(orm.em, async () => {
    if ((await context.get(SpaceRepository).count()) > 0) {
      process.stdout.write('directory: not empty, demo data skipped\n');
      return;
    }
    const spaces = context.get(SpacesService);
    for (const input of demoSpaces()) {
      const space = await spaces.register(input, { quiet: true });
      await spaces.verifyWithoutLink(space.id);
      await spaces.approve(space.id, { quiet: true });
    }
    process.stdout.write(`directory: ${demoSpaces().length} demo spaces registered and approved\n`);
  });
}
