import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { HEARTH_METRICS, prometheusMetricNames } from '../../../electron/core/telemetry/metricNames';
import { repoRoot } from '../../helpers/tempCore';

/*
 * deploy/observability cannot run here (no Docker engine; no collector, Prometheus, Loki or Grafana binary in npm or
 * Debian): the GitHub workflow observability.yml validates the files with the real binaries. This holds them to what
 * Hearth emits: the collector's pipelines are whole, Prometheus scrapes the collector's exporter, and every metric the
 * dashboard queries is one in electron/core/telemetry/metricNames.ts.
 */

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed YAML/JSON

const dir = join(repoRoot, 'deploy/observability');
const yaml = (file: string): Obj => parse(readFileSync(join(dir, file), 'utf8'), { prettyErrors: true }) as Obj;
const collector = yaml('otel-collector.yaml');
const dashboard = JSON.parse(readFileSync(join(dir, 'grafana/dashboards/hearth.json'), 'utf8')) as Obj;
const datasources = yaml('grafana/provisioning/datasources/datasources.yaml').datasources as Obj[];

/** Every PromQL expression of the dashboard. */
const promQueries: string[] = (dashboard.panels as Obj[])
  .filter((p) => p.datasource?.type === 'prometheus')
  .flatMap((p) => (p.targets as Obj[]).map((t) => t.expr as string));

describe('deploy/observability', () => {
  it('wires every collector pipeline to components it defines', () => {
    const pipelines = collector.service.pipelines as Record<string, Obj>;
    expect(Object.keys(pipelines).sort()).toEqual(['logs', 'metrics', 'traces']);
    for (const [name, pipeline] of Object.entries(pipelines)) {
      for (const kind of ['receivers', 'processors', 'exporters'] as const) {
        for (const component of pipeline[kind] as string[]) {
          expect(collector[kind], `${name} → ${kind}.${component}`).toHaveProperty([component]);
        }
      }
    }
    // Metric names reach Prometheus as Hearth names them: no unit or _total suffixes added.
    expect(collector.exporters.prometheus.add_metric_suffixes).toBe(false);
    // Logs keep the trace ids Hearth's pino lines carry, so Grafana can go from a trace to its logs.
    const operators = collector.receivers['filelog/hearth'].operators as Obj[];
    expect(operators.find((o) => o.type === 'trace_parser')?.trace_id.parse_from).toBe('attributes.trace_id');
  });

  it('has Prometheus scrape the collector exporter', () => {
    const port = (collector.exporters.prometheus.endpoint as string).split(':').at(-1);
    const targets = (yaml('prometheus.yml').scrape_configs as Obj[]).flatMap((s) =>
      (s.static_configs as Obj[]).flatMap((c) => c.targets as string[]),
    );
    expect(targets).toContain(`otel-collector:${port}`);
  });

  it('queries only metrics Hearth emits, and plots each of them', () => {
    const emitted = new Set(prometheusMetricNames());
    const queried = new Set(promQueries.flatMap((expr) => expr.match(/\bhearth_[a-z0-9_]+/g) ?? []));
    expect(queried.size).toBeGreaterThan(0);
    for (const name of queried) expect(emitted, `dashboard queries ${name}`).toContain(name);
    const base = (name: string) => name.replace(/_(bucket|sum|count)$/, '');
    const plotted = new Set([...queried].map(base));
    for (const metric of Object.values(HEARTH_METRICS)) expect(plotted).toContain(metric.name.replaceAll('.', '_'));
  });

  it('links slow traces to their logs and log lines to their traces through datasources that exist', () => {
    const uids = new Set(datasources.map((d) => d.uid as string));
    for (const panel of dashboard.panels as Obj[]) expect(uids).toContain(panel.datasource.uid);
    const tempo = datasources.find((d) => d.type === 'tempo')!;
    expect(uids).toContain(tempo.jsonData.tracesToLogsV2.datasourceUid);
    expect(tempo.jsonData.tracesToLogsV2.query).toContain('trace_id');
    const loki = datasources.find((d) => d.type === 'loki')!;
    expect(uids).toContain(loki.jsonData.derivedFields[0].datasourceUid);
    expect(
      (dashboard.panels as Obj[]).some((p) => p.datasource.type === 'tempo' && /duration >/.test(p.targets[0].query)),
    ).toBe(true);
  });

  it('binds every published port of the stack to loopback', () => {
    const services = yaml('docker-compose.yml').services as Record<string, Obj>;
    const ports = Object.values(services).flatMap((s) => (s.ports as string[] | undefined) ?? []);
    expect(ports.length).toBeGreaterThan(0);
    for (const port of ports) expect(port).toMatch(/^127\.0\.0\.1:/);
    for (const service of Object.values(services)) expect(service.image).toMatch(/:[0-9v][\w.-]*$/);
  });
});
