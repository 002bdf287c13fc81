import type { ComponentPropsWithoutRef } from 'react';
import { useState } from 'react';
import type { ExtraProps } from 'react-markdown';
import { Icon } from '@/ui/Icon';
import { copyText } from './downloadText';

interface HastLike {
  type: string;
  value?: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: HastLike[];
}

function textOf(node: HastLike | undefined): string {
  if (!node) return '';
  if (node.type === 'text') return node.value ?? '';
  return (node.children ?? []).map(textOf).join('');
}

function languageOf(node: HastLike | undefined): string | null {
  const code = node?.children?.find((c) => c.tagName === 'code');
  const classes = code?.properties?.className;
  const names = Array.isArray(classes) ? classes.map(String) : [];
  const language = names.find((c) => c.startsWith('language-'));
  return language ? language.slice('language-'.length) : null;
}

/** A fenced code block from an answer: its language, a Copy button, and a scrollable (focusable) <pre>. */
export function CodeBlock({ node, children, ...props }: ComponentPropsWithoutRef<'pre'> & ExtraProps) {
  const [copied, setCopied] = useState(false);
  const language = languageOf(node as HastLike | undefined);
  const copy = async () => {
    const ok = await copyText(textOf(node as HastLike | undefined).replace(/\n$/, ''));
    setCopied(ok);
    if (ok) {
      setTimeout(() => {
        setCopied(false);
      }, 2000);
    }
  };
  return (
    <div className="code-block">
      <div className="code-block__bar">
        <span className="code-block__lang">{language ?? 'code'}</span>
        <button type="button" className="code-block__copy" onClick={() => void copy()} data-testid="code-copy">
          <Icon name={copied ? 'check' : 'copy'} size={14} />
          {copied ? 'Copied' : 'Copy'}
          <span className="visually-hidden"> code</span>
        </button>
      </div>
      <pre {...props} tabIndex={0}>
        {children}
      </pre>
    </div>
  );
}
