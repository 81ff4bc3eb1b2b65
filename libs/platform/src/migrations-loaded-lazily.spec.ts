// A running service does not carry MikroORM's migrator (umzug, its command line, ajv: some 200 modules and
// 5 MB per process): the migrations are loaded only by `main.js migrate`.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const SERVICES = ['directory', 'bookings', 'notifications', 'metrics'];

/** The modules a fresh process loads to build the service's Nest module, and after loading its migrations. */
function loadedModules(service: string): { running: string[]; migrating: string[] } {
  const script = `
    const loaded = () => Object.keys(require.cache).filter((file) => file.includes('@mikro-orm/migrations'));
    const app = Object.values(require('./apps/${service}/src/${service}.module')).find((v) => v && v.migrations);
    const running = loaded();
    app.migrations().then(() => process.stdout.write(JSON.stringify({ running, migrating: loaded() })));
  `;
  const output = execFileSync(process.execPath, ['-r', '@swc-node/register', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return JSON.parse(output);
}

describe('service definitions', () => {
  it.each(SERVICES)('%s loads its migrations, and the migrator, only when asked to migrate', (service) => {
    const { running, migrating } = loadedModules(service);
    expect(running).toEqual([]);
    expect(migrating.length).toBeGreaterThan(0);
  });
});
