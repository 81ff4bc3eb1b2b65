import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { npmFolder, packageFolder, shipped, shippedFolder } from './shipped-files';

describe('shipped files', () => {
  it('are found from compiled code too, beside the package.json above it', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'cocomo-dist-'));
    try {
      writeFileSync(path.join(root, 'package.json'), '{}');
      mkdirSync(path.join(root, 'apps/notifications/templates'), { recursive: true });
      mkdirSync(path.join(root, 'dist/libs/web/src'), { recursive: true });
      expect(
        shippedFolder(shipped('apps/notifications/templates'), path.join(root, 'dist/libs/web/src')),
      ).toBe(path.join(root, 'apps/notifications/templates'));
      expect(() =>
        shippedFolder(shipped('apps/missing/views'), path.join(root, 'dist/libs/web/src')),
      ).toThrow(/apps\/missing\/views does not exist/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it.each([
    ['leaflet/dist', 'leaflet.js'],
    ['chart.js/dist', 'chart.umd.js'],
  ])(
    "finds the npm package's folder %s, even when the package does not export its package.json",
    (folder, file) => {
      expect(existsSync(path.join(packageFolder(npmFolder(folder)), file))).toBe(true);
    },
  );
});
