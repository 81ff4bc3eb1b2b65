// The image carries every folder the services read at run time beside the code: the views, the shared and
// the services' static files, and the mail templates (found from dist/ through the package root).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const dockerfile = readFileSync(path.join(root, 'deploy/Dockerfile'), 'utf8');
const copied = [...dockerfile.matchAll(/^COPY --from=build \/app\/(\S+) /gm)].map((match) => match[1]);

const runtimeFolders = [
  'libs/web/views',
  'libs/web/public',
  'libs/links/views',
  'apps/notifications/templates',
  ...readdirSync(path.join(root, 'apps')).flatMap((service) =>
    ['views', 'public'].map((folder) => `apps/${service}/${folder}`),
  ),
].filter((folder) => existsSync(path.join(root, folder)));

it.each(runtimeFolders)('the image carries %s', (folder) => {
  expect(copied).toContain(folder);
});
