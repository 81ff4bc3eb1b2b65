// The image (deploy/Dockerfile) holds every file the services and the router read at run time, where the code
// looks for it. The list is read from the code, not written here: every folder the services read beside their
// compiled code is declared with shipped('…') (libs/web/src/shipped-files.ts; only such a declaration can be
// resolved), every npm package folder served to browsers with npmFolder('…'), the router's files with
// `new URL('…', import.meta.url)`, and nothing in what runs in the image finds files any other way. No Docker is
// needed: the Dockerfile is read as text.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ignoredBy, pathsInImage, stagesOf } from './dockerfile';
import { runsInImage, sourceFiles } from './source-files';

const root = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const dockerfile = read('deploy/Dockerfile');
const runtimeFiles = sourceFiles(root, /\.(ts|mjs)$/).filter(runsInImage);

/** Where the one helper lives that may find the package root and npm packages' folders. */
const HELPER = 'libs/web/src/shipped-files.ts';
const SHIPPED_LITERAL = /\bshipped\(\s*(['"])([^'"]+)\1\s*\)/g;
const SHIPPED_CALL = /\bshipped\(/g;
const NPM_LITERAL = /\bnpmFolder\(\s*(['"])([^'"]+)\1\s*\)/g;
const NPM_CALL = /\bnpmFolder\(/g;
const URL_FROM_MODULE = /new URL\(\s*(['"])([^'"]+)\1\s*,\s*import\.meta\.url\s*\)/g;
/** Ways to build a path to a file beside the code without saying which. */
const FINDS_FILES = /\b__dirname\b|\b__filename\b|process\.cwd\(\)|\bpackageRootAbove\(|require\.resolve\(/g;

interface RuntimeRead {
  path: string;
  file: string;
}

function runtimeReads(): { reads: RuntimeRead[]; packages: RuntimeRead[]; unnamed: string[] } {
  const reads: RuntimeRead[] = [];
  const packages: RuntimeRead[] = [];
  const unnamed: string[] = [];
  for (const file of runtimeFiles) {
    const text = read(file);
    if (file.endsWith('.mjs')) {
      for (const match of text.matchAll(URL_FROM_MODULE)) {
        reads.push({ path: path.posix.join(path.posix.dirname(file), match[2]), file });
      }
      if (/process\.cwd\(\)/.test(text)) unnamed.push(`${file}: process.cwd()`);
      continue;
    }
    if (file === HELPER) continue;
    for (const match of text.matchAll(SHIPPED_LITERAL)) reads.push({ path: match[2], file });
    for (const match of text.matchAll(NPM_LITERAL)) packages.push({ path: match[2], file });
    if ([...text.matchAll(SHIPPED_CALL)].length > [...text.matchAll(SHIPPED_LITERAL)].length) {
      unnamed.push(`${file}: shipped() with a path that is not written out`);
    }
    if ([...text.matchAll(NPM_CALL)].length > [...text.matchAll(NPM_LITERAL)].length) {
      unnamed.push(`${file}: npmFolder() with a path that is not written out`);
    }
    for (const match of text.matchAll(FINDS_FILES)) unnamed.push(`${file}: ${match[0]}`);
  }
  return { reads, packages, unnamed };
}

/** Every path `reads` names that the Dockerfile's final stage lacks, or puts elsewhere than the code looks. */
function missingFromImage(dockerfileText: string, reads: RuntimeRead[]): string[] {
  const { paths, moved } = pathsInImage(dockerfileText);
  const holds = (wanted: string) => paths.some((held) => wanted === held || wanted.startsWith(`${held}/`));
  return [
    ...moved.map((entry) => `moved: ${entry}`),
    ...reads
      .map((entry) => entry.path)
      .filter((wanted) => !holds(wanted))
      .map((wanted) => `missing: ${wanted}`),
  ];
}

const { reads, packages, unnamed } = runtimeReads();
/** The compiled code itself: every service's entry point and the router, as the Deployments and Compose run them. */
const entryPoints = (() => {
  const commands: string[][] = [];
  for (const document of parseAllDocuments(read('docker-compose.yml'))) {
    const services = (document.toJS() as { services: Record<string, { command?: string[] }> }).services;
    for (const service of Object.values(services)) if (service.command) commands.push(service.command);
  }
  for (const file of sourceFiles(path.join(root, 'deploy/k8s'), /\.ya?ml$/)) {
    for (const document of parseAllDocuments(read(`deploy/k8s/${file}`))) {
      const containers = document.toJS()?.spec?.template?.spec?.containers ?? [];
      for (const container of containers as { command: string[] }[]) commands.push(container.command);
    }
  }
  return [
    ...new Set(
      commands.flatMap((command) => command.join(' ').match(/\b(?:dist|deploy)\/\S+\.m?js\b/g) ?? []),
    ),
  ];
})();

describe('what runs in the image reads beside its code', () => {
  it('is found in the code: the views, the pages’ assets and the mail templates among it', () => {
    expect(reads.map((entry) => entry.path)).toEqual(
      expect.arrayContaining([
        'libs/web/views',
        'libs/web/public',
        'apps/directory/views',
        'apps/directory/public',
        'apps/bookings/public',
        'apps/metrics/public',
        'apps/notifications/templates',
        'deploy/routes.json',
      ]),
    );
  });

  it('takes the npm packages it serves to browsers from dependencies, which the image installs', () => {
    const dependencies = Object.keys(JSON.parse(read('package.json')).dependencies);
    expect(packages.map((entry) => entry.path)).toEqual(
      expect.arrayContaining(['leaflet/dist', 'chart.js/dist']),
    );
    for (const { path: folder } of packages) {
      const name = folder
        .split('/')
        .slice(0, folder.startsWith('@') ? 2 : 1)
        .join('/');
      expect(dependencies).toContain(name);
    }
  });

  it('is named with its path written out, and found in no other way', () => {
    expect(unnamed).toEqual([]);
  });

  it('is all in the image, at the place the code looks for it', () => {
    expect(missingFromImage(dockerfile, reads)).toEqual([]);
  });

  it('is none of it left out of the build by .dockerignore', () => {
    const patterns = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    const outside = reads.filter((entry) => !entry.path.startsWith('dist/'));
    expect(outside.filter((entry) => ignoredBy(patterns, entry.path))).toEqual([]);
    expect(ignoredBy(patterns, 'node_modules/x')).toBe(true); // the patterns are read as Docker reads them
  });

  it.each([
    ['the dashboard', 'apps/metrics/public'],
    ['the mail templates', 'apps/notifications/templates'],
  ])('would be reported if the Dockerfile stopped copying %s', (_what, folder) => {
    const withoutIt = dockerfile
      .split('\n')
      .filter((line) => !line.includes(` ./${folder}`))
      .join('\n');
    expect(withoutIt).not.toEqual(dockerfile);
    expect(missingFromImage(withoutIt, reads)).toEqual([`missing: ${folder}`]);
  });
});

describe('the image', () => {
  it("starts every service and the router from files it holds, as Compose's and the manifests' commands say", () => {
    expect(entryPoints).toEqual(
      expect.arrayContaining(['dist/apps/directory/src/main.js', 'deploy/local/router.mjs']),
    );
    const sources = new Set(sourceFiles(root, /\.(ts|mjs)$/));
    for (const entry of entryPoints) {
      // dist/<path>.js is what the build makes of <path>.ts.
      const source = entry.startsWith('dist/') ? entry.slice('dist/'.length).replace(/\.js$/, '.ts') : entry;
      expect([...sources]).toContain(source);
    }
    expect(
      missingFromImage(
        dockerfile,
        entryPoints.map((entry) => ({ path: entry, file: 'commands' })),
      ),
    ).toEqual([]);
  });

  it('is built and runs on Node 24 LTS, while the code keeps Node 20.19 as its floor', () => {
    const images = stagesOf(dockerfile).map((stage) => stage.image);
    expect(images.length).toBeGreaterThanOrEqual(2);
    for (const image of images) expect(image).toMatch(/^node:24-/);
    expect(JSON.parse(read('package.json')).engines).toEqual({ node: '>=20.19' });
  });
});
