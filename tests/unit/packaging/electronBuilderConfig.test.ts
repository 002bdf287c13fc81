import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../../helpers/tempCore';

interface BuilderConfig {
  files: string[];
  asarUnpack: string[];
  extraResources: Array<{ from: string; to: string }>;
  electronFuses: Record<string, boolean>;
}

const config = parse(readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

describe('electron-builder.yml', () => {
  it('flips the fuses that keep code out of a signed Hearth', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('ships a Node for the children instead, where electronPlatform looks for it', () => {
    expect(config.extraResources).toContainEqual({ from: 'node_modules/node/bin/node', to: 'bin/node' });
    expect(pkg.devDependencies.node).toMatch(/^24\./);
  });

  it('packs no development S3 server: not its script, not s3rver', () => {
    expect(config.files).toContain('!dist/electron/devS3Server.mjs');
    expect(config.asarUnpack.filter((p) => p.includes('devS3Server'))).toEqual([]);
    // electron-builder packs runtime dependencies only.
    expect(Object.keys(pkg.dependencies)).not.toContain('s3rver');
    expect(pkg.devDependencies.s3rver).toBe('3.7.1');
  });
});

describe('.npmrc', () => {
  it('does not turn npm audit off', () => {
    let npmrc = '';
    try {
      npmrc = readFileSync(join(repoRoot, '.npmrc'), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    expect(npmrc).not.toMatch(/^\s*audit\s*=\s*false/m);
  });
});
