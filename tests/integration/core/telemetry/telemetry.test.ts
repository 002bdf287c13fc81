import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../../electron/shared/result';
import type { TelemetryRecent } from '../../../../electron/shared/telemetrySchemas';
import { HEARTH_METRICS } from '../../../../electron/core/telemetry/metricNames';
import { createLexicalEmbeddingModel, createTinyLlamaModel } from '../../../fixtures/gguf/tinyLlama';
import type { TestCore } from '../../../helpers/tempCore';
import { startTestCore, tempDir, waitFor } from '../../../helpers/tempCore';

let dir: Awaited<ReturnType<typeof tempDir>>;
let core: TestCore;
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';
const ctx = (extra: Record<string, unknown> = {}) => ({
  origin: 'internal' as const,
  signal: new AbortController().signal,
  ...extra,
});

beforeAll(async () => {
  dir = await tempDir('hearth-telemetry-');
  core = await startTestCore(join(dir.path, 'data'), { startSidecars: true, logLevel: 'info' });
  await core.services.storage.ready;
  await core.services.settings.update({ answers: { maxTokens: 16 } });
  const embed = await core.services.modelCatalog.importFile(
    (await createLexicalEmbeddingModel(join(dir.path, 'lex.gguf'))).path,
  );
  await core.services.modelCatalog.setDefault('embedding', embed.id);
  const chat = await core.services.modelCatalog.importFile(
    (await createTinyLlamaModel(join(dir.path, 'chat.gguf'))).path,
  );
  await core.services.modelCatalog.setDefault('chat', chat.id);
  await writeFile(join(dir.path, 'garden.md'), '# Garden\n\nThe gardener wraps the young fig trees in straw.\n');
}, 120_000);

afterAll(async () => {
  await core?.dispose();
  await dir?.remove();
});

describe('telemetry of an ingest and an answer (in-memory exporter)', () => {
  it('records a span per ingestion stage and the ingestion metrics', async () => {
    const batch = await core.services.library.ingest({ paths: [join(dir.path, 'garden.md')] });
    expect(batch.files.map((f) => f.stage)).toEqual(['indexed']);
    const { spans } = await core.services.telemetry.recent();
    const file = spans.find((s) => s.name === 'ingest.file');
    expect(file?.attributes).toMatchObject({ 'hearth.outcome': 'indexed', 'hearth.chunks': expect.any(Number) });
    const stages = spans.filter((s) => s.parentSpanId === file?.spanId).map((s) => s.name);
    expect(stages).toEqual([
      'ingest.admit',
      'ingest.hash',
      'ingest.store',
      'ingest.parse',
      'ingest.chunk',
      'ingest.embed',
      'ingest.index',
    ]);
    // The parse stage: the wait for a parser thread, then the parse in it.
    const parseStage = spans.find((s) => s.name === 'ingest.parse');
    const parsePhases = spans.filter((s) => s.parentSpanId === parseStage?.spanId).map((s) => s.name);
    expect(parsePhases).toEqual(['parse.queue', 'parse.worker']);
    // The embed stage's worker request is a child of the stage, in the same trace.
    const embedStage = spans.find((s) => s.name === 'ingest.embed');
    expect(spans.find((s) => s.name === 'inference.embed' && s.parentSpanId === embedStage?.spanId)).toBeDefined();
    const totals = await core.services.telemetry.metricTotals();
    expect(totals[HEARTH_METRICS.ingestFiles.name]).toBe(1);
    expect(totals[HEARTH_METRICS.ingestBytes.name]).toBeGreaterThan(40);
    expect(totals[HEARTH_METRICS.ingestChunks.name]).toBeGreaterThanOrEqual(1);
    expect(totals[HEARTH_METRICS.ingestQueueDepth.name]).toBe(0);
  });

  it('continues the caller trace across the contract into retrieve and generate', async () => {
    const traceparent = `00-${TRACE_ID}-${CALLER_SPAN}-01`;
    const result = (await core.services.dispatcher.stream(
      'chat.ask',
      { question: 'How does the gardener protect the fig trees?' },
      ctx({ traceparent }),
      () => undefined,
    )) as Result<unknown>;
    expect(result.ok, JSON.stringify(result)).toBe(true);
    const recent = (await core.services.dispatcher.call('telemetry.recent', {}, ctx())) as Result<TelemetryRecent>;
    if (!recent.ok) throw new Error(recent.error.message);
    const inTrace = recent.value.spans.filter((s) => s.traceId === TRACE_ID);
    const rpc = inTrace.find((s) => s.name === 'rpc chat.ask');
    expect(rpc?.parentSpanId).toBe(CALLER_SPAN);
    const names = inTrace.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['retrieve', 'generate', 'inference.chat', 'inference.embed']));
    // The worker's phases, from its own timings, under the request span.
    const request = inTrace.find((s) => s.name === 'inference.chat');
    const phases = inTrace.filter((s) => s.parentSpanId === request?.spanId).map((s) => s.name);
    expect(phases).toEqual(['llama.prefill', 'llama.generate']);
    const generate = inTrace.find((s) => s.name === 'generate');
    expect(generate?.attributes['gen_ai.usage.output_tokens']).toBeGreaterThan(0);
    // What Diagnostics plots: this answer's speed.
    const answer = recent.value.generations.at(-1);
    expect(answer).toMatchObject({ source: 'local', tokens: expect.any(Number) });
    expect(answer!.ttftMs).toBeGreaterThan(0);
    expect(answer!.tokensPerSecond).toBeGreaterThan(0);
    expect(recent.value.ingests).toHaveLength(1);
    expect(recent.value.memory[0]).toMatchObject({ process: 'core', rssBytes: expect.any(Number) });
    expect(recent.value.memory.length).toBeGreaterThan(1);
    expect(recent.value.otlpEndpoint).toBe('');

    const totals = await core.services.telemetry.metricTotals();
    expect(totals[HEARTH_METRICS.generationTtft.name]).toBe(1);
    expect(totals[HEARTH_METRICS.generationRate.name]).toBe(1);
    expect(totals[HEARTH_METRICS.generationTokens.name]).toBeGreaterThan(0);
    expect(totals[HEARTH_METRICS.retrieveDuration.name]).toBeGreaterThanOrEqual(1);
    expect(totals[HEARTH_METRICS.processMemory.name]).toBeGreaterThan(0);
    expect(totals[HEARTH_METRICS.sidecarUp.name]).toBeGreaterThanOrEqual(2);
    expect(totals[HEARTH_METRICS.sidecarRestarts.name]).toBe(0);
  });

  it('puts the active trace id on log lines', async () => {
    const log = await readFile(join(core.paths.logs, 'hearth.log'), 'utf8');
    const traced = log
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { trace_id?: string; span_id?: string });
    expect(traced.some((line) => line.trace_id === TRACE_ID && /^[0-9a-f]{16}$/.test(line.span_id ?? ''))).toBe(true);
  });

  it("keeps spans in the data folder only while telemetry is 'Local only'", async () => {
    const file = join(core.paths.telemetry, 'spans.jsonl');
    const read = () => readFile(file, 'utf8').catch(() => '');
    const search = () => core.services.search.search({ query: 'fig trees', topK: 3, mode: 'hybrid' });
    await search();
    expect(await read()).toBe('');
    await core.services.settings.update({ privacy: { telemetry: 'local' } });
    await search();
    const kept = await read();
    const names = kept
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { name: string }).name);
    expect(names).toContain('retrieve');
    await core.services.settings.update({ privacy: { telemetry: 'off' } });
    await search();
    expect(await read()).toBe(kept);
  });

  it('exports over OTLP only once an endpoint is set, and only from this computer', async () => {
    const received: string[] = [];
    const collector: Server = createServer((request: IncomingMessage, response) => {
      received.push(request.url ?? '');
      request.resume();
      request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    try {
      const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
      const remote = await core.services.dispatcher.call(
        'settings.update',
        { privacy: { otlpEndpoint: endpoint } },
        ctx({ origin: 'ws', caller: 'remote-browser' }),
      );
      expect(remote).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
      await core.services.search.search({ query: 'fig trees', topK: 3, mode: 'hybrid' });
      await core.services.telemetry.recent();
      expect(received).toEqual([]);

      const local = await core.services.dispatcher.call(
        'settings.update',
        { privacy: { otlpEndpoint: endpoint } },
        ctx({ origin: 'ws', caller: 'local-browser' }),
      );
      expect(local.ok).toBe(true);
      await waitFor('the endpoint to be switched on', () => core.services.telemetry.otlp.endpoint === endpoint);
      await core.services.search.search({ query: 'fig trees', topK: 3, mode: 'hybrid' });
      await core.services.telemetry.otlp.spanProcessor.forceFlush();
      await waitFor('spans to reach the collector', () => received.includes('/v1/traces'));
      await core.services.settings.update({ privacy: { otlpEndpoint: '' } });
      await waitFor('the export to be off', () => core.services.telemetry.otlp.endpoint === '');
    } finally {
      await new Promise((resolve) => collector.close(resolve));
    }
  });
});
