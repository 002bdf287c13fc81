import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/**
 * A tool's answer: the structured value, and the same as JSON text for clients that read only text (the MCP spec
 * asks for both).
 */
export function toolResult(value: Record<string, unknown>): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value, null, 2) }], structuredContent: value };
}

/** A document as the tools and resources name it. */
export function documentRef(d: { id: string; name: string; type: string }) {
  return { id: d.id, name: d.name, type: d.type, uri: documentUri(d.id) };
}

/** The resource of a document. */
export function documentUri(id: string): string {
  return `hearth://documents/${id}`;
}
