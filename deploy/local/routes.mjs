// The routing table in deploy/routes.json, resolved against the environment: which backend answers which path.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const configModule = fileURLToPath(new URL('../../dist/libs/config/src/index.js', import.meta.url));

export const routingTable = JSON.parse(readFileSync(new URL('../routes.json', import.meta.url), 'utf8'));
export const serviceNames = Object.keys(routingTable.services);

/**
 * The validated environment from libs/config (built into dist/), so that every default lives in one place.
 * Throws the config library's EnvironmentError, whose message names each bad variable.
 */
export function readEnvironment(source = process.env) {
  return configLibrary().readEnvironment(source);
}

function configLibrary() {
  if (!existsSync(configModule)) throw new Error('dist/ is missing: run "npm run build" first');
  return require(configModule);
}

/** The database a service uses: its <SERVICE>_DATABASE_URL, else DATABASE_URL (libs/config). */
export function serviceDatabaseUrl(env, service) {
  return configLibrary().serviceDatabaseUrl(env, service);
}

/** REDIS_URL read as libs/config reads it: one server, or the nodes of a Redis Cluster. */
export function redisTargetOf(redisUrl) {
  return configLibrary().redisTargetOf(redisUrl);
}

/** Where Redis is, for messages: the host of REDIS_URL, or every node of a cluster. */
export function redisHosts(redisUrl) {
  return redisTargetOf(redisUrl)
    .nodes.map((node) => `${node.host}:${node.port}`)
    .join(', ');
}

/** Only the variables the router needs, so that it does not ask for secrets it never uses. */
export function routerEnvironment(source = process.env) {
  const names = [routingTable.router.portVariable, 'LOG_LEVEL'];
  for (const route of Object.values(routingTable.services)) names.push(route.portVariable);
  return readEnvironment(
    Object.fromEntries(names.filter((name) => name in source).map((n) => [n, source[n]])),
  );
}

/** Where each service listens: host from its host variable (default the local machine), port from config. */
export function backendsFrom(env, source = process.env) {
  return serviceNames.map((service) => {
    const route = routingTable.services[service];
    const host = source[route.hostVariable] || '127.0.0.1';
    const port = env[route.portVariable];
    return { service, prefixes: route.prefixes, host, port, url: `http://${host}:${port}` };
  });
}

export function routerPortFrom(env) {
  return env[routingTable.router.portVariable];
}

/** Kubernetes pathType Prefix: the prefix must end at a path segment boundary. */
export function isUnderPrefix(path, prefix) {
  const base = prefix.replace(/\/+$/, '');
  return path === base || path.startsWith(`${base}/`);
}

/** The backend owning a path: the longest matching prefix wins, as in an ingress. */
export function backendFor(path, backends) {
  let best;
  let bestLength = -1;
  for (const backend of backends) {
    for (const prefix of backend.prefixes) {
      if (isUnderPrefix(path, prefix) && prefix.length > bestLength) {
        best = backend;
        bestLength = prefix.length;
      }
    }
  }
  return best;
}
