// @ts-check
import path from 'node:path';

/**
 * Hearth's layering (docs/ARCHITECTURE.md), like VS Code's local/code-layering rule:
 *   electron/shared  imports nothing but zod (and itself)
 *   electron/core    never imports electron, the shells or the renderer
 *   electron/server  never imports electron, the Electron shell or the renderer
 *   renderer/        imports only renderer/ and electron/shared (no electron, no Node built-ins)
 * Aliased imports (@shared/…, @/…) count as the folder they name.
 */
const LAYERS = [
  { name: 'shared', dir: 'electron/shared' },
  { name: 'core', dir: 'electron/core' },
  { name: 'server', dir: 'electron/server' },
  { name: 'electron', dir: 'electron/main' },
  { name: 'electron', dir: 'electron/preload' },
  { name: 'renderer', dir: 'renderer' },
];

/**
 * The renderer's import aliases (tsconfig.web.json `paths`, vite.config.ts `resolve.alias`): an aliased import is
 * judged by the folder it names, like a relative one.
 */
const ALIASES = [
  { prefix: '@shared/', dir: 'electron/shared' },
  { prefix: '@/', dir: 'renderer/src' },
];

/** @param {string} rel */
function layerOf(rel) {
  const norm = rel.split(path.sep).join('/');
  return LAYERS.find((l) => norm === l.dir || norm.startsWith(`${l.dir}/`))?.name ?? null;
}

/** @type {Record<string, { allowLayers: (string|null)[]; allowBare: (spec: string) => boolean; why: string }>} */
const POLICY = {
  shared: {
    allowLayers: ['shared'],
    allowBare: (s) => s === 'zod' || s.startsWith('zod/'),
    why: 'electron/shared may import only zod and itself',
  },
  core: {
    allowLayers: ['shared', 'core', null],
    allowBare: (s) => s !== 'electron' && !s.startsWith('electron/'),
    why: 'electron/core must not import electron, the shells or the renderer',
  },
  server: {
    allowLayers: ['shared', 'core', 'server', null],
    allowBare: (s) => s !== 'electron' && !s.startsWith('electron/'),
    why: 'electron/server must not import electron, the Electron shell or the renderer',
  },
  electron: {
    allowLayers: ['shared', 'core', 'electron', null],
    allowBare: () => true,
    why: 'the Electron shell must not import the headless shell or the renderer',
  },
  renderer: {
    allowLayers: ['renderer', 'shared'],
    allowBare: (s) => s !== 'electron' && !s.startsWith('electron/') && !s.startsWith('node:'),
    why: 'renderer/ may import only renderer/ and electron/shared',
  },
};

/** @type {import('eslint').Rule.RuleModule} */
export default {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce Hearth layer boundaries' },
    messages: { forbidden: 'Forbidden import "{{spec}}": {{why}}.' },
    schema: [],
  },
  create(context) {
    const root = context.cwd;
    const fileRel = path.relative(root, context.filename);
    const layer = layerOf(fileRel);
    if (!layer) return {};
    const policy = POLICY[layer];
    if (!policy) return {};

    /** @param {any} node @param {unknown} source */
    function check(node, source) {
      if (typeof source !== 'string') return;
      let allowed;
      const alias = ALIASES.find((a) => source.startsWith(a.prefix));
      if (alias) {
        allowed = policy.allowLayers.includes(layerOf(`${alias.dir}/${source.slice(alias.prefix.length)}`));
      } else if (source.startsWith('.') || source.startsWith('/')) {
        const target = path.relative(root, path.resolve(path.dirname(context.filename), source));
        allowed = policy.allowLayers.includes(layerOf(target));
      } else {
        allowed = policy.allowBare(source);
      }
      if (!allowed) context.report({ node, messageId: 'forbidden', data: { spec: source, why: policy.why } });
    }

    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
      CallExpression: (node) => {
        if (
          node.callee.type === 'Identifier' &&
          node.callee.name === 'require' &&
          node.arguments[0]?.type === 'Literal'
        ) {
          check(node, node.arguments[0].value);
        }
      },
    };
  },
};
