import { describe, expect, it } from 'vitest';
import { childEnvironment } from '../../../../electron/core/supervisor/childEnvironment';

const parent = {
  PATH: '/usr/bin:/bin',
  HOME: '/home/ada',
  USER: 'ada',
  LANG: 'en_GB.UTF-8',
  LC_TIME: 'de_DE.UTF-8',
  TMPDIR: '/tmp/ada',
  CUDA_VISIBLE_DEVICES: '0',
  NODE_LLAMA_CPP_DEBUG: 'true',
  AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'aws-secret',
  PGPASSWORD: 'pg-secret',
  GITHUB_TOKEN: 'ghp_secret',
  NODE_OPTIONS: '--require /tmp/evil.js',
  HTTPS_PROXY: 'http://proxy.example:3128',
  DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus',
  CHROMA_OPEN_TELEMETRY__ENDPOINT: 'http://collector.example',
  ELECTRON_RUN_AS_NODE: '1',
  UNSET: undefined,
};

describe('childEnvironment', () => {
  it('keeps what a program needs to run and drops credentials, tokens, NODE_OPTIONS and proxies', () => {
    expect(childEnvironment(parent, 'linux')).toEqual({
      PATH: '/usr/bin:/bin',
      HOME: '/home/ada',
      USER: 'ada',
      LANG: 'en_GB.UTF-8',
      LC_TIME: 'de_DE.UTF-8',
      TMPDIR: '/tmp/ada',
      CUDA_VISIBLE_DEVICES: '0',
      NODE_LLAMA_CPP_DEBUG: 'true',
    });
  });

  it('matches names exactly outside Windows: a lowercase `path` is another variable', () => {
    expect(childEnvironment({ path: '/x', Home: '/y', PATH: '/bin' }, 'darwin')).toEqual({ PATH: '/bin' });
  });

  it('matches names case-insensitively on Windows, keeping their spelling', () => {
    const env = childEnvironment(
      {
        Path: 'C:\\Windows',
        SystemRoot: 'C:\\Windows',
        ComSpec: 'cmd.exe',
        'ProgramFiles(x86)': 'C:\\P86',
        Aws_Secret_Access_Key: 'x',
      },
      'win32',
    );
    expect(env).toEqual({
      Path: 'C:\\Windows',
      SystemRoot: 'C:\\Windows',
      ComSpec: 'cmd.exe',
      'ProgramFiles(x86)': 'C:\\P86',
    });
  });
});
