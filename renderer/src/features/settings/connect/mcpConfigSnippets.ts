/** A ready configuration for one MCP client. */
export interface McpSnippet {
  client: string;
  /** Where the client reads it. */
  file: string;
  json: string;
}

const KEY_PLACEHOLDER = '<your Hearth API key>';

/**
 * MCP client configurations for Hearth's Streamable HTTP endpoint: Cursor speaks HTTP with headers itself; Claude
 * Desktop launches local commands, so it reaches the endpoint through `mcp-remote` (the header is passed through an
 * environment variable, since Windows splits arguments at spaces).
 */
export function mcpConfigSnippets(mcpUrl: string): McpSnippet[] {
  const show = (value: unknown) => JSON.stringify(value, null, 2);
  return [
    {
      client: 'Claude Desktop',
      file: 'claude_desktop_config.json',
      json: show({
        mcpServers: {
          hearth: {
            command: 'npx',
            args: ['-y', 'mcp-remote', mcpUrl, '--header', 'Authorization:${HEARTH_AUTH}'],
            env: { HEARTH_AUTH: `Bearer ${KEY_PLACEHOLDER}` },
          },
        },
      }),
    },
    {
      client: 'Cursor',
      file: '.cursor/mcp.json',
      json: show({ mcpServers: { hearth: { url: mcpUrl, headers: { Authorization: `Bearer ${KEY_PLACEHOLDER}` } } } }),
    },
  ];
}
