import { describe, expect, it } from 'vitest';
import { parseSse } from '../../../../electron/core/runtime/inference/parseSse';

async function collect(chunks: string[]): Promise<string[]> {
  const encoder = new TextEncoder();
  async function* body() {
    for (const chunk of chunks) yield encoder.encode(chunk);
  }
  const out: string[] = [];
  for await (const data of parseSse(body())) out.push(data);
  return out;
}

describe('parseSse', () => {
  it('yields the data of each event', async () => {
    expect(await collect(['data: {"a":1}\n\ndata: [DONE]\n\n'])).toEqual(['{"a":1}', '[DONE]']);
  });

  it('puts events split across chunks (even inside a UTF-8 character) back together', async () => {
    const text = 'data: {"text":"héllo 💥"}\n\n';
    const bytes = new TextEncoder().encode(text);
    async function* body() {
      for (let i = 0; i < bytes.length; i += 3) yield bytes.slice(i, i + 3);
    }
    const out: string[] = [];
    for await (const data of parseSse(body())) out.push(data);
    expect(out).toEqual(['{"text":"héllo 💥"}']);
  });

  it('handles CRLF, comments, other fields, multi-line data and a missing final blank line', async () => {
    expect(
      await collect([': keep-alive\r\n', 'event: message\r\nid: 3\r\ndata: one\r\ndata: two\r\n\r\n', 'data:last']),
    ).toEqual(['one\ntwo', 'last']);
  });
});
