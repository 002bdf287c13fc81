/**
 * Variables a sidecar may inherit from Hearth's own environment. Everything else (AWS_*, PGPASSWORD, GITHUB_TOKEN,
 * NODE_OPTIONS, proxies…) stays with Hearth: a child gets what it needs to run, plus what its spec passes explicitly
 * (credentials, ELECTRON_RUN_AS_NODE from the platform, HEARTH_* switches).
 */
const ALLOWED = new Set(
  [
    // Finding programs and files, and who we are.
    'PATH',
    'HOME',
    'USER',
    'LOGNAME',
    'TMPDIR',
    'TMP',
    'TEMP',
    // Locale and time zone, so messages and dates read as the user expects.
    'LANG',
    'LANGUAGE',
    'TZ',
    // GPU selection and driver paths the inference worker's llama.cpp may depend on.
    'LD_LIBRARY_PATH',
    'CUDA_PATH',
    'CUDA_VISIBLE_DEVICES',
    'HIP_VISIBLE_DEVICES',
    'ROCR_VISIBLE_DEVICES',
    'VK_ICD_FILENAMES',
    // Windows: without these, processes fail to start or to find their own folders.
    'SYSTEMROOT',
    'SYSTEMDRIVE',
    'WINDIR',
    'COMSPEC',
    'PATHEXT',
    'USERPROFILE',
    'USERNAME',
    'USERDOMAIN',
    'HOMEDRIVE',
    'HOMEPATH',
    'APPDATA',
    'LOCALAPPDATA',
    'PROGRAMDATA',
    'PROGRAMFILES',
    'PROGRAMFILES(X86)',
    'PROGRAMW6432',
    'COMMONPROGRAMFILES',
    'COMMONPROGRAMFILES(X86)',
    'NUMBER_OF_PROCESSORS',
    'PROCESSOR_ARCHITECTURE',
    'PROCESSOR_IDENTIFIER',
    'OS',
  ].map((name) => name.toUpperCase()),
);

/** Prefixes of allowed families: the locale categories, and node-llama-cpp's own settings. */
const ALLOWED_PREFIXES = ['LC_', 'NODE_LLAMA_CPP_'];

/**
 * The part of `parent` a child inherits. Names compare case-insensitively on Windows, where `Path` and `PATH` are the
 * same variable; elsewhere exactly (a `path` on Linux is not PATH).
 */
export function childEnvironment(
  parent: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value === undefined) continue;
    const key = platform === 'win32' ? name.toUpperCase() : name;
    if (ALLOWED.has(key) || ALLOWED_PREFIXES.some((prefix) => key.startsWith(prefix))) env[name] = value;
  }
  return env;
}
