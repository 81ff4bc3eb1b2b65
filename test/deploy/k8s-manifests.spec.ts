// The Kubernetes manifests in deploy/k8s cannot be applied here, so this test reads them and checks that they
// agree with the code: paths with deploy/routes.json, ports and variables with libs/config, labels and names
// with each other.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { EnvironmentError, environmentSchema, readEnvironment } from '@cocomo/config';
import { directoryDefinition } from '../../apps/directory/src/directory.module';
import { bookingsDefinition } from '../../apps/bookings/src/bookings.module';
import { notificationsDefinition } from '../../apps/notifications/src/notifications.module';
import { metricsDefinition } from '../../apps/metrics/src/metrics.module';

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  [field: string]: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const root = path.resolve(__dirname, '../..');
const k8s = path.join(root, 'deploy/k8s');
const routes: {
  services: Record<string, { portVariable: string; prefixes: string[] }>;
} = JSON.parse(readFileSync(path.join(root, 'deploy/routes.json'), 'utf8'));
const serviceNames = Object.keys(routes.services);

function parse(file: string): Manifest[] {
  const documents = parseAllDocuments(readFileSync(path.join(k8s, file), 'utf8'));
  for (const document of documents) {
    if (document.errors.length) throw new Error(`${file}: ${document.errors[0].message}`);
  }
  return documents.map((document) => document.toJS()).filter(Boolean);
}

const kustomization = parse('kustomization.yaml')[0];
const manifests: Manifest[] = (kustomization.resources as string[]).flatMap(parse);
const all = (kind: string) => manifests.filter((manifest) => manifest.kind === kind);
const one = (kind: string, name: string): Manifest => {
  const found = all(kind).filter((manifest) => manifest.metadata.name === name);
  if (found.length !== 1) throw new Error(`expected one ${kind} named ${name}, found ${found.length}`);
  return found[0];
};
const matches = (selector: Record<string, string>, labels: Record<string, string> = {}) =>
  Object.entries(selector).every(([key, value]) => labels[key] === value);
const podLabels = (deployment: Manifest): Record<string, string> => deployment.spec.template.metadata.labels;
const container = (deployment: Manifest) => deployment.spec.template.spec.containers[0];
const configMap = one('ConfigMap', 'cocomo-config').data as Record<string, string>;
const secret = one('Secret', 'cocomo-secrets').stringData as Record<string, string>;
const knownVariables = Object.keys(environmentSchema.innerType().shape);
const defaults = readEnvironment({});

describe('the manifests', () => {
  it('parse, and kustomization.yaml lists every manifest in the folder', () => {
    const files = readdirSync(k8s).filter((file) => /\.ya?ml$/.test(file) && file !== 'kustomization.yaml');
    expect([...kustomization.resources].sort()).toEqual(files.sort());
    for (const manifest of manifests) {
      expect(manifest).toMatchObject({ apiVersion: expect.any(String), kind: expect.any(String) });
      expect(manifest.metadata.name).toMatch(/^[a-z0-9-]+$/);
    }
  });

  it('run every container from the one image that kustomization.yaml sets', () => {
    const images = (kustomization.images as { name: string }[]).map((image) => image.name);
    const containers = [...all('Deployment'), ...all('Job')].flatMap(
      (workload) => workload.spec.template.spec.containers,
    );
    expect(containers.length).toBe(serviceNames.length * 2 + 1);
    for (const { image } of containers) expect(images).toContain(image);
  });

  it('give every Deployment a selector that matches its own pods', () => {
    for (const deployment of all('Deployment')) {
      expect(matches(deployment.spec.selector.matchLabels, podLabels(deployment))).toBe(true);
    }
  });

  it('read the ConfigMap and the Secret that exist', () => {
    for (const workload of [...all('Deployment'), ...all('Job')]) {
      for (const source of container(workload).envFrom) {
        if (source.configMapRef) expect(source.configMapRef.name).toBe('cocomo-config');
        else expect(source.secretRef.name).toBe('cocomo-secrets');
      }
    }
  });
});

describe.each(serviceNames)('the %s service', (service) => {
  const route = routes.services[service];
  const web = one('Deployment', `${service}-web`);
  const worker = one('Deployment', `${service}-worker`);

  it('runs its own entry point as a web and a worker Deployment, told apart by ROLE', () => {
    for (const [deployment, role] of [
      [web, 'web'],
      [worker, 'worker'],
    ] as const) {
      expect(container(deployment).command).toEqual(['node', `dist/apps/${service}/src/main.js`]);
      expect(container(deployment).env).toContainEqual({ name: 'ROLE', value: role });
      expect(podLabels(deployment)).toMatchObject({
        'app.kubernetes.io/name': service,
        'app.kubernetes.io/component': role,
      });
    }
    expect(readFileSync(path.join(root, `apps/${service}/src/main.ts`), 'utf8')).toContain(
      'runServiceCommand',
    );
  });

  it('listens where its port variable and its default say, and probes live and ready there', () => {
    const port = defaults[route.portVariable as keyof typeof defaults];
    expect(Number(configMap[route.portVariable])).toBe(port);
    for (const deployment of [web, worker]) {
      const { ports, readinessProbe, livenessProbe } = container(deployment);
      expect(ports).toEqual([{ name: 'http', containerPort: port }]);
      // Liveness asks only whether the process answers: a database outage must not restart every pod at once.
      expect(livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
    }
  });

  it('has a Service that sends traffic to its web pods only, on the same port', () => {
    const target = one('Service', service);
    expect(matches(target.spec.selector, podLabels(web))).toBe(true);
    expect(matches(target.spec.selector, podLabels(worker))).toBe(false);
    expect(target.spec.ports).toEqual([
      { name: 'http', port: container(web).ports[0].containerPort, targetPort: 'http' },
    ]);
  });

  it('scales its workers with a HorizontalPodAutoscaler, and leaves their count to it', () => {
    const scalers = all('HorizontalPodAutoscaler').filter(
      (scaler) => scaler.spec.scaleTargetRef.name === worker.metadata.name,
    );
    expect(scalers).toHaveLength(1);
    expect(scalers[0].spec.scaleTargetRef).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: `${service}-worker`,
    });
    expect(scalers[0].spec.minReplicas).toBeGreaterThanOrEqual(1);
    expect(scalers[0].spec.maxReplicas).toBeGreaterThan(scalers[0].spec.minReplicas);
    expect(worker.spec.replicas).toBeUndefined();
    expect(container(worker).resources.requests.cpu).toBeDefined();
  });

  it('keeps its pods through voluntary disruptions with a budget per Deployment', () => {
    for (const deployment of [web, worker]) {
      const budgets = all('PodDisruptionBudget').filter((budget) =>
        matches(budget.spec.selector.matchLabels, podLabels(deployment)),
      );
      expect(budgets.map((budget) => budget.metadata.name)).toEqual([deployment.metadata.name]);
      const others = all('Deployment').filter((other) => other !== deployment);
      for (const other of others) {
        expect(matches(budgets[0].spec.selector.matchLabels, podLabels(other))).toBe(false);
      }
    }
  });

  it('is migrated by the migrate Job', () => {
    expect(container(one('Job', 'cocomo-migrate')).command.join(' ')).toContain(
      `node dist/apps/${service}/src/main.js migrate`,
    );
  });
});

describe('the Ingress', () => {
  const ingress = one('Ingress', 'cocomo');
  const paths: { path: string; pathType: string; backend: { service: { name: string; port: object } } }[] =
    ingress.spec.rules.flatMap((rule: { http: { paths: unknown[] } }) => rule.http.paths);

  it('routes every prefix of deploy/routes.json, and nothing else, to the service that owns it', () => {
    const expected = serviceNames.flatMap((service) =>
      routes.services[service].prefixes.map((prefix) => `${prefix} -> ${service}`),
    );
    expect(paths.map((entry) => `${entry.path} -> ${entry.backend.service.name}`).sort()).toEqual(
      expected.sort(),
    );
    for (const entry of paths) {
      expect(entry.pathType).toBe('Prefix');
      expect(entry.backend.service.port).toEqual({ name: 'http' });
    }
  });

  it("reaches each service's OpenAPI docs under its API prefix", () => {
    const definitions = [directoryDefinition, bookingsDefinition, notificationsDefinition, metricsDefinition];
    for (const definition of definitions) {
      expect(routes.services[definition.service].prefixes).toContain(`/${definition.apiPrefix}`);
    }
  });

  it('answers at the host that PUBLIC_BASE_URL names, so links in mails lead to it', () => {
    const host = new URL(configMap.PUBLIC_BASE_URL).host;
    expect(ingress.spec.rules.map((rule: { host: string }) => rule.host)).toEqual([host]);
    expect(ingress.spec.tls[0].hosts).toEqual([host]);
  });
});

describe('the ConfigMap and the Secret', () => {
  it('set only variables that libs/config knows, and keep the secrets in the Secret', () => {
    for (const variable of [...Object.keys(configMap), ...Object.keys(secret)]) {
      expect(knownVariables).toContain(variable);
    }
    expect(Object.keys(secret).sort()).toEqual(
      ['DATABASE_URL', 'LINK_SECRET', 'OPERATOR_TOKEN', 'REDIS_URL', 'SMTP_URL'].sort(),
    );
    expect(Object.keys(configMap).filter((variable) => variable in secret)).toEqual([]);
  });

  it('set every variable production requires, and every address that has no use in a cluster', () => {
    let required: string[] = [];
    try {
      readEnvironment({ NODE_ENV: 'production' });
    } catch (error) {
      if (!(error instanceof EnvironmentError)) throw error;
      required = error.problems.map((problem) => problem.variable);
    }
    expect(required.length).toBeGreaterThan(0);
    for (const variable of [...required, 'DATABASE_URL', 'REDIS_URL', 'PUBLIC_BASE_URL']) {
      expect({ ...configMap, ...secret }).toHaveProperty(variable);
    }
    expect(configMap.NODE_ENV).toBe('production');
  });

  it('hold placeholders every service refuses, each named, until they are replaced by real values', () => {
    let refused: string[] = [];
    try {
      readEnvironment({ ...configMap, ...secret });
    } catch (error) {
      if (!(error instanceof EnvironmentError)) throw error;
      refused = error.problems.map((problem) => problem.variable);
    }
    expect(refused.sort()).toEqual(Object.keys(secret).sort());

    const env = readEnvironment({
      ...configMap,
      OPERATOR_TOKEN: 'a-real-operator-token',
      LINK_SECRET: 'a-real-link-secret-of-32-chars!!',
      DATABASE_URL: 'postgres://cocomo:password@postgres.internal:5432/cocomo',
      REDIS_URL: 'rediss://:password@redis.internal:6379',
      SMTP_URL: 'smtp://user:password@mail.internal:587',
    });
    expect(env).toMatchObject({ NODE_ENV: 'production', BOOKING_URGENT_FANOUT: 3 });
  });
});
