import { describe, expect, it } from 'vitest';
import { filesFromArgv } from '../../../../electron/main/files/filesFromArgv';

const app = '/Applications/Hearth.app/Contents/MacOS/Hearth';

describe('filesFromArgv', () => {
  it('skips the packaged executable and resolves relative paths against the launch’s cwd', () => {
    expect(filesFromArgv([app, 'notes.md', '../b.pdf', '/abs/c.txt'], '/Users/me/docs')).toEqual([
      '/Users/me/docs/notes.md',
      '/Users/me/b.pdf',
      '/abs/c.txt',
    ]);
  });
  it('skips the app path too when run as `electron <app>` (a source checkout)', () => {
    expect(filesFromArgv(['/x/electron', '/work/main', 'a.md'], '/tmp', { defaultApp: true })).toEqual(['/tmp/a.md']);
    expect(filesFromArgv(['/x/electron', '.', 'a.md'], '/tmp', { defaultApp: true })).toEqual(['/tmp/a.md']);
  });
  it('skips flags: Chromium’s switches, our own, and Finder’s -psn_', () => {
    const argv = [
      app,
      '--allow-file-access-from-files',
      '--original-process-start-time=13370000',
      '--smoke-test',
      '-psn_0_12345',
      'report.pdf',
    ];
    expect(filesFromArgv(argv, '/Users/me')).toEqual(['/Users/me/report.pdf']);
  });
  it('takes everything after -- as a path, even names that start with a dash', () => {
    expect(filesFromArgv([app, '--flag', '--', '-odd name.txt', '--also'], '/d')).toEqual([
      '/d/-odd name.txt',
      '/d/--also',
    ]);
  });
  it('turns file: URLs into paths and ignores other URLs', () => {
    expect(
      filesFromArgv([app, 'file:///Users/me/My%20File.pdf', 'hearth://original/abc', 'https://x.org/a'], '/'),
    ).toEqual(['/Users/me/My File.pdf']);
  });
  it('returns nothing for a bare launch and drops duplicates', () => {
    expect(filesFromArgv([app], '/')).toEqual([]);
    expect(filesFromArgv([], '/')).toEqual([]);
    expect(filesFromArgv([app, 'a.md', './a.md', '/d/a.md'], '/d')).toEqual(['/d/a.md']);
  });
});
