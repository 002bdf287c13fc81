import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { SERVER_FILE_VARIABLES } from '../../../electron/server/serverFileConfig';
import { repoRoot } from '../../helpers/tempCore';

/*
 * deploy/k8s cannot be applied here (no Docker engine, no cluster): the GitHub workflow's kind job does that. This
 * holds the manifests to the rules the issue sets: every object parses, images are pinned, probes and resources are
 * set, secrets reach containers only as files, nothing is privileged; and the workflow has the kind job.
 */

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed YAML

const k8sDir = join(repoRoot, 'deploy/k8s');
const NON_OBJECTS = new Set(['kustomization.yaml', 'kind-cluster.yaml', 'traefik-values.yaml']);

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return name.endsWith('.yaml') ? [path] : [];
  });
}

/** Every document of every manifest file, failing on any YAML error. */
function documents(path: string): Obj[] {
  return parseAllDocuments(readFileSync(path, 'utf8')).map((doc) => {
    expect(
      doc.errors.map((e) => e.message),
      relative(repoRoot, path),
    ).toEqual([]);
    return doc.toJS() as Obj;
  });
}

const files = yamlFiles(k8sDir);
const objects = files
  .filter((path) => !NON_OBJECTS.has(path.split('/').at(-1)!))
  .flatMap((path) => documents(path).map((object) => ({ path: relative(k8sDir, path), object })));
const base = objects.filter((o) => o.path.startsWith('base/')).map((o) => o.object);
const workloads = base.filter((o) => ['Deployment', 'StatefulSet', 'DaemonSet', 'Job'].includes(o.kind));
const containersOf = (workload: Obj): Obj[] => [
  ...(workload.spec.template.spec.initContainers ?? []),
  ...workload.spec.template.spec.containers,
];
const named = (kind: string, name: string) => base.find((o) => o.kind === kind && o.metadata.name === name)!;
const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

/** A tag that names a version (has a digit, is not `latest`) or a digest. */
const pinned = (image: string) => /@sha256:[0-9a-f]{64}$/.test(image) || /:[^/:@]*\d[^/:@]*$/.test(image);

describe('deploy/k8s manifests', () => {
  it('every object parses and names its apiVersion, kind and name', () => {
    expect(objects.length).toBeGreaterThan(10);
    for (const { path, object } of objects) {
      expect(object.apiVersion, path).toEqual(expect.any(String));
      expect(object.kind, path).toEqual(expect.any(String));
      expect(object.metadata?.name, `${path} ${object.kind}`).toEqual(expect.any(String));
    }
  });

  it('the base kustomization lists every base file and the kind overlay builds on it', () => {
    const kustomization = parse(readFileSync(join(k8sDir, 'base/kustomization.yaml'), 'utf8')) as Obj;
    const listed = (kustomization.resources as string[]).sort();
    const present = readdirSync(join(k8sDir, 'base'))
      .filter((name) => name !== 'kustomization.yaml')
      .sort();
    expect(listed).toEqual(present);
    const overlay = parse(readFileSync(join(k8sDir, 'overlays/kind/kustomization.yaml'), 'utf8')) as Obj;
    expect(overlay.resources).toEqual(['../../base']);
    // The locally built image, tagged with the app's version (up.sh builds exactly this).
    expect(overlay.images).toEqual([
      { name: 'ghcr.io/hearth-app/hearth', newName: 'localhost/hearth', newTag: version },
    ]);
    expect(named('Deployment', 'hearth').spec.template.spec.containers[0].image).toBe(
      `ghcr.io/hearth-app/hearth:${version}`,
    );
  });

  it("the kind overlay's patches point at paths that exist in the base", () => {
    const overlay = parse(readFileSync(join(k8sDir, 'overlays/kind/kustomization.yaml'), 'utf8')) as Obj;
    for (const { target, patch } of overlay.patches as { target: Obj; patch: string }[]) {
      const object = named(target.kind, target.name);
      expect(object, `${target.kind}/${target.name}`).toBeDefined();
      for (const op of parse(patch) as { op: string; path: string }[]) {
        const parts = op.path.split('/').slice(1);
        const parent = parts.slice(0, -1).reduce<Obj | undefined>((node, key) => node?.[key], object);
        expect(parent, `${target.kind}/${target.name} ${op.path}`).toBeDefined();
        if (op.op === 'replace') expect(parent![parts.at(-1)!], op.path).toBeDefined();
      }
    }
  });

  it('every container image is pinned by version or digest, in the manifests and the kind cluster', () => {
    const images = workloads.flatMap(containersOf).map((c) => c.image as string);
    expect(images.length).toBeGreaterThanOrEqual(3);
    for (const image of images) expect(pinned(image), image).toBe(true);
    const cluster = parse(readFileSync(join(k8sDir, 'overlays/kind/kind-cluster.yaml'), 'utf8')) as Obj;
    for (const node of cluster.nodes as Obj[]) expect(pinned(node.image), node.image).toBe(true);
    expect((cluster.nodes as Obj[]).filter((n) => n.role === 'worker').length).toBeGreaterThanOrEqual(2);
  });

  it('every container has readiness and liveness probes, CPU and memory requests and a memory limit', () => {
    for (const workload of workloads) {
      for (const container of containersOf(workload)) {
        const where = `${workload.kind}/${workload.metadata.name} ${container.name}`;
        expect(container.readinessProbe, where).toBeDefined();
        expect(container.livenessProbe, where).toBeDefined();
        expect(container.resources?.requests?.cpu, where).toBeDefined();
        expect(container.resources?.requests?.memory, where).toBeDefined();
        expect(container.resources?.limits?.memory, where).toBeDefined();
      }
    }
  });

  it('nothing runs privileged, as root, with extra capabilities or on the host', () => {
    for (const workload of workloads) {
      const pod = workload.spec.template.spec as Obj;
      const where = `${workload.kind}/${workload.metadata.name}`;
      expect(pod.securityContext?.runAsNonRoot, where).toBe(true);
      expect(pod.securityContext?.runAsUser, where).toBeGreaterThan(0);
      expect(pod.securityContext?.seccompProfile?.type, where).toBe('RuntimeDefault');
      expect(pod.automountServiceAccountToken, where).toBe(false);
      for (const key of ['hostNetwork', 'hostPID', 'hostIPC']) expect(pod[key], `${where} ${key}`).not.toBe(true);
      expect(
        (pod.volumes ?? []).filter((v: Obj) => v.hostPath),
        where,
      ).toEqual([]);
      for (const container of containersOf(workload)) {
        const security = container.securityContext as Obj;
        expect(security?.privileged, `${where} ${container.name}`).not.toBe(true);
        expect(security?.allowPrivilegeEscalation, `${where} ${container.name}`).toBe(false);
        expect(security?.readOnlyRootFilesystem, `${where} ${container.name}`).toBe(true);
        expect(security?.capabilities?.drop, `${where} ${container.name}`).toEqual(['ALL']);
        expect(security?.capabilities?.add ?? [], `${where} ${container.name}`).toEqual([]);
      }
    }
  });

  it('secrets reach containers only as read-only files, never as environment values, and none is committed', () => {
    expect(objects.filter((o) => o.object.kind === 'Secret')).toEqual([]);
    for (const workload of workloads) {
      const pod = workload.spec.template.spec as Obj;
      const secretVolumes = new Map<string, Obj>(
        (pod.volumes ?? []).filter((v: Obj) => v.secret).map((v: Obj) => [v.name as string, v]),
      );
      for (const volume of secretVolumes.values()) {
        expect(volume.secret.defaultMode & 0o007, `${volume.name}: not world-readable`).toBe(0);
        expect(volume.secret.defaultMode & 0o222, `${volume.name}: not writable`).toBe(0);
      }
      for (const container of containersOf(workload)) {
        const where = `${workload.kind}/${workload.metadata.name} ${container.name}`;
        expect(
          (container.envFrom ?? []).filter((e: Obj) => e.secretRef),
          where,
        ).toEqual([]);
        const mounts = (container.volumeMounts ?? []) as Obj[];
        for (const mount of mounts.filter((m) => secretVolumes.has(m.name))) {
          expect(mount.readOnly, `${where} ${mount.mountPath}`).toBe(true);
        }
        for (const env of (container.env ?? []) as Obj[]) {
          expect(env.valueFrom?.secretKeyRef, `${where} ${env.name}`).toBeUndefined();
          if (/PASSWORD|SECRET|TOKEN|API_KEY|ACCESS_KEY|TLS_KEY/.test(env.name as string)) {
            // Named like a secret: it must be a *_FILE path inside a mounted secret.
            expect(env.name, where).toMatch(/_FILE$/);
            const mount = mounts.find((m) => (env.value as string).startsWith(`${m.mountPath}/`));
            expect(mount && secretVolumes.has(mount.name), `${where} ${env.name} in a secret volume`).toBe(true);
          }
        }
      }
    }
  });

  it('the gateway: 2+ replicas kept by a PDB, the shell knows every *_FILE variable, probes on /readyz and /healthz', () => {
    const gateway = named('Deployment', 'hearth');
    const labels = gateway.spec.template.metadata.labels as Record<string, string>;
    const selects = (selector: Record<string, string>) =>
      Object.entries(selector).every(([key, value]) => labels[key] === value);
    expect(gateway.spec.replicas).toBeGreaterThanOrEqual(2);
    expect(gateway.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
    const pdb = base.find((o) => o.kind === 'PodDisruptionBudget')!;
    expect(selects(pdb.spec.selector.matchLabels)).toBe(true);
    expect(pdb.spec.minAvailable).toBeGreaterThanOrEqual(1);
    expect(selects(named('Service', 'hearth').spec.selector)).toBe(true);
    const container = gateway.spec.template.spec.containers[0] as Obj;
    const fileVariables = (container.env as Obj[]).map((e) => e.name as string).filter((n) => n.endsWith('_FILE'));
    expect(fileVariables.length).toBeGreaterThanOrEqual(6);
    for (const name of fileVariables) expect(SERVER_FILE_VARIABLES, name).toContain(name);
    expect(container.readinessProbe.httpGet).toMatchObject({ path: '/readyz', scheme: 'HTTPS' });
    expect(container.livenessProbe.httpGet).toMatchObject({ path: '/healthz', scheme: 'HTTPS' });
    // The drain the shell does on SIGTERM fits in the grace period.
    const delay = Number(container.args[container.args.indexOf('--shutdown-delay-seconds') + 1]);
    expect(gateway.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThan(delay + 30);
    expect(container.args).toContain('--no-local-paths');
  });

  it('PostgreSQL (pgvector) and the object store keep their data on claims; a snapshot class example exists', () => {
    const postgres = named('StatefulSet', 'postgres');
    expect(postgres.spec.template.spec.containers[0].image).toMatch(/^pgvector\/pgvector:/);
    expect(postgres.spec.volumeClaimTemplates[0].metadata.name).toBe('data');
    const s3 = named('StatefulSet', 's3');
    expect(s3.spec.volumeClaimTemplates[0].metadata.name).toBe('data');
    const snapshots = objects.filter((o) => o.path.startsWith('examples/')).map((o) => o.object);
    expect(snapshots.map((o) => o.kind)).toEqual(
      expect.arrayContaining(['VolumeSnapshotClass', 'VolumeSnapshot', 'PersistentVolumeClaim']),
    );
    const snapshot = snapshots.find((o) => o.kind === 'VolumeSnapshot')!;
    expect(snapshot.spec.source.persistentVolumeClaimName).toBe(`data-${s3.metadata.name}-0`);
  });

  it('network policies deny by default and open only the paths Hearth uses; the Ingress speaks TLS', () => {
    const policies = base.filter((o) => o.kind === 'NetworkPolicy');
    const deny = policies.find(
      (p) => Object.keys(p.spec.podSelector).length === 0 && !p.spec.ingress && !p.spec.egress,
    );
    expect(deny?.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    const allowedPorts = (name: string) =>
      policies
        .filter((p) => p.spec.podSelector.matchLabels?.['app.kubernetes.io/name'] === name)
        .flatMap((p) => (p.spec.ingress ?? []) as Obj[])
        .flatMap((rule) => (rule.ports as Obj[]).map((port) => port.port as number));
    expect(allowedPorts('postgres')).toEqual([5432]);
    expect(allowedPorts('s3')).toEqual([8333]);
    expect(allowedPorts('hearth').sort()).toEqual([50051, 8443]);
    const ingress = base.find((o) => o.kind === 'Ingress')!;
    expect(ingress.spec.tls[0].secretName).toBe('hearth-tls');
    expect(ingress.spec.tls[0].hosts).toContain(ingress.spec.rules[0].host);
  });
});

describe('the kind job', () => {
  it('the GitHub workflow runs up.sh, which builds the image, applies the kind overlay and runs the smoke test', () => {
    const workflow = parse(readFileSync(join(repoRoot, '.github/workflows/kind.yml'), 'utf8')) as Obj;
    const job = workflow.jobs.kind as Obj;
    expect(job['runs-on']).toMatch(/^ubuntu-/);
    const runs = (job.steps as Obj[]).map((step) => String(step.run ?? '')).join('\n');
    expect(runs).toContain('deploy/k8s/kind/up.sh');
    expect((job.steps as Obj[]).some((step) => String(step.uses ?? '').startsWith('helm/kind-action@'))).toBe(true);
    const up = readFileSync(join(k8sDir, 'kind/up.sh'), 'utf8');
    expect(up).toContain('docker build');
    expect(up).toContain('kubectl apply -k deploy/k8s/overlays/kind');
    expect(up).toContain('deploy/k8s/kind/smoke-test.sh');
    expect(up).toContain('--config deploy/k8s/overlays/kind/kind-cluster.yaml');
    for (const script of ['up.sh', 'smoke-test.sh']) {
      expect(statSync(join(k8sDir, 'kind', script)).mode & 0o111, `${script} is executable`).not.toBe(0);
    }
    expect(readFileSync(join(k8sDir, 'kind/smoke-test.sh'), 'utf8')).toContain('/v1/models');
  });
});
