// Reading deploy/Dockerfile without Docker: its stages, and which repository paths its final stage holds.
import path from 'node:path';

export interface Stage {
  name?: string;
  image: string;
  workdir: string;
  /** COPY instructions: from another stage (`from`) or from the build context. */
  copies: { from?: string; sources: string[]; destination: string }[];
}

/** The instructions of a Dockerfile, one per entry, with continued lines joined and comments dropped. */
function instructions(text: string): string[] {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}

export function stagesOf(text: string): Stage[] {
  const stages: Stage[] = [];
  for (const line of instructions(text)) {
    const [keyword, ...words] = line.split(/\s+/);
    const current = stages.at(-1);
    switch (keyword.toUpperCase()) {
      case 'FROM': {
        const as = words.findIndex((word) => word.toUpperCase() === 'AS');
        stages.push({ image: words[0], name: as >= 0 ? words[as + 1] : undefined, workdir: '/', copies: [] });
        break;
      }
      case 'WORKDIR':
        if (current) current.workdir = path.posix.resolve(current.workdir, words[0]);
        break;
      case 'COPY': {
        const from = words.find((word) => word.startsWith('--from='))?.slice('--from='.length);
        const paths = words.filter((word) => !word.startsWith('--'));
        current?.copies.push({ from, sources: paths.slice(0, -1), destination: paths.at(-1)! });
        break;
      }
    }
  }
  return stages;
}

/**
 * The repository paths (relative to the root, e.g. "apps/metrics/public") that the final stage holds at the
 * place the code looks for them: copied from the build stage's checkout to the same place below the final
 * stage's WORKDIR, or from the build context to it.
 */
export function pathsInImage(text: string): { paths: string[]; moved: string[] } {
  const stages = stagesOf(text);
  const runtime = stages.at(-1)!;
  const paths: string[] = [];
  const moved: string[] = [];
  for (const copy of runtime.copies) {
    const sourceStage = stages.find((stage) => stage.name === copy.from);
    const sourceRoot = sourceStage?.workdir ?? '/';
    const destination = path.posix.resolve(runtime.workdir, copy.destination);
    for (const source of copy.sources) {
      const fromCheckout = sourceStage ? path.posix.relative(sourceRoot, source) : source;
      if (fromCheckout === '.' || fromCheckout.startsWith('..')) continue;
      // `COPY a b ./`: each lands by its name in the folder; `COPY --from=build /app/x ./x`: at the path given.
      const landsAt = copy.destination.endsWith('/')
        ? path.posix.join(destination, path.posix.basename(fromCheckout))
        : destination;
      if (landsAt === path.posix.join(runtime.workdir, fromCheckout)) paths.push(fromCheckout);
      else moved.push(`${fromCheckout} -> ${landsAt}`);
    }
  }
  return { paths, moved };
}

/** Whether a .dockerignore pattern (Go's filepath.Match, plus a trailing folder) leaves `file` out of the context. */
export function ignoredBy(patterns: string[], file: string): boolean {
  let ignored = false;
  for (const raw of patterns) {
    const negated = raw.startsWith('!');
    const pattern = (negated ? raw.slice(1) : raw).replace(/^\/+|\/+$/g, '');
    const glob = pattern
      .split('/')
      .map((part) =>
        part === '**'
          ? '.*'
          : part
              .replace(/[.+^${}()|\\]/g, '\\$&')
              .replace(/\*/g, '[^/]*')
              .replace(/\?/g, '[^/]'),
      )
      .join('/');
    if (new RegExp(`^${glob}(/.*)?$`).test(file)) ignored = !negated;
  }
  return ignored;
}
