import { describe, expect, it } from 'vitest';
import { GatewayAudit, type GatewayRequestRecord } from '../../../../electron/core/gateway/GatewayAudit';
import type { AuditSink } from '../../../../electron/core/rpc/Dispatcher';

const request = (keyId: string | null, status: number): GatewayRequestRecord => ({
  method: 'POST',
  route: '/v1/chat/completions',
  keyId,
  scope: 'chat',
  outcome: status === 200 ? 'ok' : 'refused',
  status,
});

function sink() {
  const records: Parameters<AuditSink['append']>[0][] = [];
  return { records, audit: { append: async (r: (typeof records)[number]) => void records.push(r) } };
}

describe('GatewayAudit', () => {
  it('writes nothing per request; a flush writes one entry per key with every request', async () => {
    const { records, audit } = sink();
    const log = new GatewayAudit({ audit, flushMs: 60_000, now: () => 0 });
    log.record(request('key_aaaaaaaa', 200));
    log.record(request('key_aaaaaaaa', 200));
    log.record(request(null, 401));
    expect(records).toEqual([]);
    await log.flush();
    expect(records).toEqual([
      {
        actor: 'gateway:key_aaaaaaaa',
        action: 'gateway.requests',
        data: {
          requests: [
            {
              method: 'POST',
              route: '/v1/chat/completions',
              scope: 'chat',
              outcome: 'ok',
              status: 200,
              at: new Date(0).toISOString(),
            },
            {
              method: 'POST',
              route: '/v1/chat/completions',
              scope: 'chat',
              outcome: 'ok',
              status: 200,
              at: new Date(0).toISOString(),
            },
          ],
        },
      },
      {
        actor: 'gateway:no-key',
        action: 'gateway.requests',
        data: { requests: [expect.objectContaining({ status: 401, outcome: 'refused' })] },
      },
    ]);
    await log.dispose();
    expect(records).toHaveLength(2);
  });

  it('keeps a flood bounded: past the batch size requests are counted, not kept', async () => {
    const { records, audit } = sink();
    const log = new GatewayAudit({ audit, flushMs: 60_000, maxBatch: 2 });
    for (let i = 0; i < 5; i++) log.record(request(null, 401));
    await log.dispose();
    expect(records.map((r) => r.action)).toEqual(['gateway.requests', 'gateway.dropped']);
    expect(records[1]?.data).toEqual({ dropped: 3 });
  });
});
