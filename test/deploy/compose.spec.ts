// docker-compose.yml cannot be run here (no Docker engine), so this test reads it with the files it mounts and
// checks that they fit together: each service's healthcheck asks its readiness where it listens; Prometheus gets
// its configuration, the alert rules and the operator token where prometheus.yml looks for them, and scrapes every
// service at its address; Grafana gets its provisioning and the dashboard where the provisioning looks.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { readEnvironment } from '@cocomo/config';

const root = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

interface ComposeService {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  volumes?: string[];
  configs?: { source: string; target: string }[];
  depends_on?: Record<string, unknown> | string[];
}
const compose = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, ComposeService>;
  configs: Record<string, { content: string }>;
};
const routes = JSON.parse(read('deploy/routes.json')) as {
  services: Record<string, { portVariable: string }>;
};
const defaults = readEnvironment({});
const portOf = (service: string) => defaults[routes.services[service].portVariable as keyof typeof defaults];

/** Where each mounted file or folder of the repository lands in a container: container path -> repository path. */
function mounts(service: ComposeService): Map<string, string> {
  const found = new Map<string, string>();
  for (const volume of service.volumes ?? []) {
    const [source, target] = volume.split(':');
    if (source.startsWith('./')) found.set(target, source.slice(2));
  }
  return found;
}

describe.each(Object.keys(routes.services))('the %s service in Compose', (name) => {
  const service = compose.services[name];

  it('runs its entry point, and is healthy when its /health/ready answers where it listens', () => {
    expect(service.command).toEqual(['node', `dist/apps/${name}/src/main.js`]);
    const probe = service.healthcheck!.test.join(' ');
    expect(probe).toContain(`http://127.0.0.1:${portOf(name)}/health/ready`);
  });
});

describe('Prometheus in Compose', () => {
  const prometheus = compose.services.prometheus;
  const mounted = mounts(prometheus);
  const configFile = prometheus.command!.find((word) => word.startsWith('--config.file='))!.split('=')[1];
  const config = parse(read(mounted.get(configFile)!)) as {
    rule_files: string[];
    scrape_configs: {
      job_name: string;
      metrics_path?: string;
      authorization: { credentials_file: string };
      static_configs: { targets: string[] }[];
    }[];
  };

  it('reads deploy/prometheus/prometheus.yml, and the alert rules where it names them', () => {
    expect(mounted.get(configFile)).toBe('deploy/prometheus/prometheus.yml');
    expect(config.rule_files.map((file) => mounted.get(file))).toEqual(['deploy/prometheus/alerts.yml']);
    for (const source of mounted.values()) expect(existsSync(path.join(root, source))).toBe(true);
  });

  it('scrapes every service at its address, one job named as the service', () => {
    expect(config.scrape_configs.map((job) => job.job_name).sort()).toEqual(
      Object.keys(routes.services).sort(),
    );
    for (const job of config.scrape_configs) {
      expect(compose.services[job.job_name]).toBeDefined();
      expect(job.metrics_path ?? '/metrics').toBe('/metrics');
      expect(job.static_configs).toEqual([{ targets: [`${job.job_name}:${portOf(job.job_name)}`] }]);
    }
  });

  it("sends a named operator's personal token (PROMETHEUS_TOKEN), from the file Compose gives it", () => {
    const tokenFiles = prometheus.configs!.map((config) => config.target);
    for (const job of config.scrape_configs) expect(tokenFiles).toContain(job.authorization.credentials_file);
    const source = prometheus.configs!.find((entry) => tokenFiles.includes(entry.target))!.source;
    // The development OPERATOR_TOKEN is refused in production, where the stack runs.
    expect(compose.configs[source].content).toMatch(/^\$\{PROMETHEUS_TOKEN:-/);
    expect(compose.services.directory.environment!.NODE_ENV).toBe('production');
  });

  it('points every service at the owner of the operators inside the stack', () => {
    for (const name of ['directory', 'bookings', 'notifications', 'metrics']) {
      expect(compose.services[name].environment!.OPERATORS_URL).toBe('http://notifications:3003');
    }
  });
});

describe('Grafana in Compose', () => {
  const grafana = compose.services.grafana;
  const mounted = mounts(grafana);
  const provisioning = mounted.get('/etc/grafana/provisioning')!;
  const providers = (
    parse(read(`${provisioning}/dashboards/cocomo.yml`)) as { providers: { options: { path: string } }[] }
  ).providers;
  const sources = (
    parse(read(`${provisioning}/datasources/prometheus.yml`)) as { datasources: { url: string }[] }
  ).datasources;

  it('is provisioned from deploy/grafana, and finds the dashboard where the provisioning says', () => {
    expect(provisioning).toBe('deploy/grafana/provisioning');
    expect(providers.map((provider) => mounted.get(provider.options.path))).toEqual([
      'deploy/grafana/dashboards',
    ]);
    expect(existsSync(path.join(root, 'deploy/grafana/dashboards/cocomo.json'))).toBe(true);
  });

  it('reads the Prometheus of the same Compose file', () => {
    expect(sources).toHaveLength(1);
    const url = new URL(sources[0].url);
    expect(compose.services[url.hostname]).toBe(compose.services.prometheus);
    expect(url.port).toBe('9090'); // where Prometheus listens in its container
    expect(grafana.depends_on).toContain('prometheus');
  });
});
