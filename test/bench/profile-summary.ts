// `node dist/test/bench/profile-summary.js <folder> [frames]`: the frames with the most self time in each V8
// CPU profile a bench run wrote (BENCH_PROFILE=<folder>), and each package's share, to see where a service's
// CPU goes without opening DevTools.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The package a script belongs to (`pg`, `@mikro-orm/core`), or `cocomo`, `node` or the frame's own name. */
function packageOf(url: string, name: string): string {
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (url.startsWith('node:') || (url === '' && name !== '')) return url.startsWith('node:') ? 'node' : name;
  return url.includes('/dist/') ? 'cocomo' : url || '(native)';
}

function summarise(file: string, top: number): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  const packages = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const micros = profile.timeDeltas[index] ?? 0;
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const frame = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '')}:${lineNumber + 1}`;
    self.set(frame, (self.get(frame) ?? 0) + micros);
    const pkg = packageOf(url, functionName);
    packages.set(pkg, (packages.get(pkg) ?? 0) + micros);
    total += micros;
  });
  const idle = (self.get('(idle) :0') ?? 0) + (self.get('(program) :0') ?? 0);
  const busy = total - (self.get('(idle) :0') ?? 0);
  const line = (label: string, micros: number) =>
    `  ${((micros / busy) * 100).toFixed(1).padStart(5)}%  ${(micros / 1000).toFixed(0).padStart(7)} ms  ${label}`;
  const sorted = (map: Map<string, number>) =>
    [...map].filter(([key]) => key !== '(idle) :0' && key !== '(idle)').sort((a, b) => b[1] - a[1]);
  return [
    `${path.basename(file)}: ${(busy / 1000).toFixed(0)} ms busy (idle and program: ${(idle / 1000).toFixed(0)} ms)`,
    ' packages:',
    ...sorted(packages)
      .slice(0, 12)
      .map(([label, micros]) => line(label, micros)),
    ' frames (self time):',
    ...sorted(self)
      .slice(0, top)
      .map(([label, micros]) => line(label, micros)),
  ].join('\n');
}

const [folder, frames = '25'] = process.argv.slice(2);
for (const file of readdirSync(folder)
  .filter((name) => name.endsWith('.cpuprofile'))
  .sort()) {
  process.stdout.write(`${summarise(path.join(folder, file), Number(frames))}\n\n`);
}
