// Starts the directory for a test file against its own database and queue prefix.
import { isolatedInfra, startService, type IsolatedInfra, type ServiceUnderTest } from '@cocomo/testing';
import { directoryDefinition, DirectoryModule } from '../src/directory.module';
import type { RegisterSpace } from '../src/spaces/space.dto';

export const operator = { authorization: 'Bearer test-operator-token' };

export interface DirectoryUnderTest extends ServiceUnderTest {
  infra: IsolatedInfra;
  stop: () => Promise<void>;
}

export async function startDirectory(): Promise<DirectoryUnderTest> {
  const infra = await isolatedInfra();
  const service = await startService(
    { ...directoryDefinition, module: (env) => DirectoryModule.forRoot(env) },
    infra.env,
  );
  return {
    ...service,
    infra,
    stop: async () => {
      await service.close();
      await infra.cleanup();
    },
  };
}

export function aSpace(
  overrides: Partial<Record<keyof RegisterSpace, unknown>> = {},
): Record<string, unknown> {
  return {
    name: 'Pune Hackerspace',
    kind: 'hackerspace',
    description: 'A room with a projector and good coffee.',
    address: '12 FC Road',
    city: 'Pune',
    country: 'IN',
    latitude: 18.5204,
    longitude: 73.8567,
    timezone: 'Asia/Kolkata',
    capacity: 40,
    amenities: ['wifi', 'projector'],
    pricing: { model: 'free' },
    marketRate: { amount: 8000, currency: 'INR', per: 'day' },
    host: { name: 'Asha', email: 'asha@example.org' },
    eligibility: { supportsFoss: true, nonCommercialPledge: true },
    ...overrides,
  };
}
