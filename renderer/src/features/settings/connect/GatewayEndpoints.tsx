import { useState } from 'react';
import type { GatewayInfo } from '@shared/gatewaySchemas';
import { copyText } from '@/features/chat/downloadText';
import { mcpConfigSnippets } from './mcpConfigSnippets';

/** Copies `value`, and says so to screen readers too. */
function CopyButton({ label, value }: { label: string; value: string }) {
  const [status, setStatus] = useState('');
  return (
    <>
      <button
        type="button"
        className="button button--small"
        onClick={() => void copyText(value).then((ok) => setStatus(ok ? 'Copied.' : 'Could not copy.'))}
      >
        Copy<span className="visually-hidden"> {label}</span>
      </button>
      <span role="status" className="gateway-value__status">
        {status}
      </span>
    </>
  );
}

/** A value to paste elsewhere, with its copy button. */
function CopyValue({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="gateway-value">
      <span className="gateway-value__label">{label}</span>
      <code className="gateway-value__text" data-testid={testId}>
        {value}
      </code>
      <CopyButton label={label} value={value} />
    </div>
  );
}

/** Where other apps reach this Hearth: the OpenAI base URL, MCP configurations, the gRPC address where served. */
export function GatewayEndpoints({ info }: { info: GatewayInfo | null }) {
  if (!info) return null;
  if (!info.openaiBaseUrl && !info.mcpUrl && !info.grpcAddress) {
    return (
      <p className="muted" data-testid="gateway-not-served">
        Other apps connect to Hearth running as a server (<code>hearth-server</code>); its addresses appear here then.
        Keys made now work there.
      </p>
    );
  }
  return (
    <div className="gateway-endpoints">
      {info.openaiBaseUrl && (
        <CopyValue label="OpenAI base URL" value={info.openaiBaseUrl} testId="gateway-openai-url" />
      )}
      {info.grpcAddress && <CopyValue label="gRPC address" value={info.grpcAddress} testId="gateway-grpc-address" />}
      {info.mcpUrl &&
        mcpConfigSnippets(info.mcpUrl).map((snippet) => (
          <details key={snippet.client} className="gateway-snippet">
            <summary>
              MCP configuration for {snippet.client} (<code>{snippet.file}</code>)
            </summary>
            <pre className="gateway-snippet__json" tabIndex={0} aria-label={`${snippet.client} configuration`}>
              {snippet.json}
            </pre>
            <CopyButton label={`${snippet.client} configuration`} value={snippet.json} />
          </details>
        ))}
    </div>
  );
}
