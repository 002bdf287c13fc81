import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readAllowList } from '../../../scripts/security/allowList';
import { licenseAllowed, licenseProblems } from '../../../scripts/security/checkLicenses';
import { repoRoot } from '../../helpers/tempCore';

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  with?: Record<string, string>;
}

function steps(workflow: string): Step[] {
  const parsed = parse(readFileSync(join(repoRoot, '.github/workflows', workflow), 'utf8')) as {
    jobs: Record<string, { steps: Step[] }>;
  };
  return Object.values(parsed.jobs).flatMap((job) => job.steps);
}

describe('dependency scanning in the GitHub workflows', () => {
  const scan = steps('dependency-scan.yml');
  const text = (list: Step[]) => list.map((s) => `${s.uses ?? ''} ${s.run ?? ''}`).join('\n');

  it('audits with npm at level high and fails on findings the allow-list does not accept', () => {
    const audit = scan.find((s) => s.run?.includes('npm audit'));
    expect(audit?.run).toMatch(/npm audit --json --audit-level=high/);
    expect(audit?.run).toMatch(/scripts\/security\/checkAudit\.ts/);
  });

  it('scans the repository with Trivy (high and critical fail) honouring the allow-list', () => {
    expect(text(scan)).toMatch(/scripts\/security\/writeTrivyIgnore\.ts/);
    const trivy = scan.find((s) => s.uses?.startsWith('aquasecurity/trivy-action@'));
    expect(trivy?.with).toMatchObject({
      'scan-type': 'fs',
      severity: 'HIGH,CRITICAL',
      'exit-code': '1',
      trivyignores: '.trivyignore',
    });
  });

  it('writes CycloneDX SBOMs for the repository and the packaged app, and checks licences', () => {
    expect(text(scan)).toMatch(/npx --yes "\$CYCLONEDX_NPM" .*--output-file sbom-repo\.cdx\.json/);
    expect(text(scan)).toMatch(/checkLicenses\.ts/);
    const mac = text(steps('macos.yml'));
    expect(mac).toMatch(/trivy rootfs .*--severity HIGH,CRITICAL --exit-code 1 --ignorefile \.trivyignore/);
    expect(mac).toMatch(/cyclonedx-npm@[\d.]+ --omit dev .*sbom-app\.cdx\.json/);
    expect(mac).toMatch(/writeNotices\.ts/);
  });

  it('ships the third-party notices with the app', () => {
    const config = parse(readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8')) as {
      extraResources: { from: string; to: string }[];
    };
    expect(config.extraResources).toContainEqual({
      from: 'dist/THIRD_PARTY_NOTICES.txt',
      to: 'THIRD_PARTY_NOTICES.txt',
    });
  });
});

describe('the vulnerability allow-list', () => {
  const today = new Date().toISOString().slice(0, 10);
  it('gives every accepted finding an id, a package, a reason, a reviewer and an expiry not in the past', () => {
    for (const entry of readAllowList(repoRoot)) {
      expect(entry.id, entry.id).toMatch(/^(GHSA(-[23456789cfghjmpqrvwx]{4}){3}|CVE-\d{4}-\d{4,})$/);
      expect(entry.package, entry.id).toMatch(/\S/);
      expect(entry.reason.length, `${entry.id}: reason`).toBeGreaterThanOrEqual(40);
      expect(entry.reviewedBy, entry.id).toMatch(/\S/);
      expect(entry.expires, `${entry.id}: expiry`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(Number.isNaN(Date.parse(entry.expires)), entry.id).toBe(false);
      expect(entry.expires >= today, `${entry.id} expired on ${entry.expires}: review it again`).toBe(true);
    }
  });
});

describe('licences of runtime dependencies', () => {
  it('reads SPDX expressions: OR needs one allowed side, AND all', () => {
    const allowed = new Set(['MIT', 'Apache-2.0']);
    expect(licenseAllowed('MIT', allowed)).toBe(true);
    expect(licenseAllowed('(MIT OR GPL-3.0-or-later)', allowed)).toBe(true);
    expect(licenseAllowed('(MIT AND GPL-3.0-only)', allowed)).toBe(false);
    expect(licenseAllowed('((MIT AND Apache-2.0) OR GPL-2.0)', allowed)).toBe(true);
    expect(licenseAllowed('GPL-3.0-only', allowed)).toBe(false);
    expect(licenseAllowed('MIT)', allowed)).toBe(false);
  });

  it('finds every runtime dependency under an allowed licence', () => {
    expect(licenseProblems(repoRoot)).toEqual([]);
  });
});
