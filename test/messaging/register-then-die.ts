// Child process of outbox-crash.e2e-spec.ts: registers a space (state change and outbox row commit together),
// then dies with SIGKILL at once, before the relay can publish.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { MikroORM, RequestContext } from '@mikro-orm/postgresql';
import { readEnvironment } from '@cocomo/config';
import { DirectoryModule } from '../../apps/directory/src/directory.module';
import { SpacesService } from '../../apps/directory/src/spaces/spaces.service';

async function main() {
  const env = readEnvironment();
  const context = await NestFactory.createApplicationContext(DirectoryModule.forRoot(env), { logger: false });
  const spaces = context.get(SpacesService);
  await RequestContext.create(context.get(MikroORM).em, async () => {
    await spaces.register({
      name: 'Crash Test Hall',
      kind: 'community',
      description: '',
      address: '1 Kill Street',
      city: 'Pune',
      country: 'IN',
      latitude: 18.52,
      longitude: 73.85,
      timezone: 'Asia/Kolkata',
      capacity: 10,
      amenities: ['wifi'],
      pricing: { model: 'free' },
      host: { name: 'Host', email: 'host@example.org' },
      eligibility: { supportsFoss: true, nonCommercialPledge: true },
    });
  });
  // The commit has happened; the relay has not had an I/O turn yet.
  process.kill(process.pid, 'SIGKILL');
}

void main();
