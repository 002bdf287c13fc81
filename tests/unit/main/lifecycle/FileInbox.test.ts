import { describe, expect, it } from 'vitest';
import { FileInbox } from '../../../../electron/main/lifecycle/FileInbox';

describe('FileInbox', () => {
  it("keeps files that arrive while starting and hands them on after this launch's own", () => {
    const inbox = new FileInbox();
    inbox.receive(['/Users/ada/dock.pdf']);
    inbox.receive(['/Users/ada/second.md', '/Users/ada/third.txt']);
    const batches: string[][] = [];
    inbox.open((paths) => batches.push(paths), ['/Users/ada/argv.pdf']);
    expect(batches).toEqual([
      ['/Users/ada/argv.pdf', '/Users/ada/dock.pdf', '/Users/ada/second.md', '/Users/ada/third.txt'],
    ]);
  });

  it('hands later files straight on, each arrival as its own batch, and never replays the waiting ones', () => {
    const inbox = new FileInbox();
    inbox.receive(['/a']);
    const batches: string[][] = [];
    inbox.open((paths) => batches.push(paths));
    inbox.receive(['/b']);
    inbox.receive(['/c', '/d']);
    expect(batches).toEqual([['/a'], ['/b'], ['/c', '/d']]);
  });
});
