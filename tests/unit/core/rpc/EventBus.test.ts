import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../../electron/core/rpc/EventBus';
import { HearthError } from '../../../../electron/shared/errors';

describe('EventBus', () => {
  it('tells listeners and relays about emitted events, but only listeners about delivered ones', () => {
    const bus = new EventBus();
    const heard: string[] = [];
    const relayed: string[] = [];
    bus.onAny((_event, payload) => heard.push((payload as { id: string }).id));
    bus.onEmitted((_event, payload) => relayed.push((payload as { id: string }).id));
    bus.emit('conversations.changed', { id: 'here', deleted: false });
    bus.deliver('conversations.changed', { id: 'elsewhere', deleted: true });
    expect(heard).toEqual(['here', 'elsewhere']);
    expect(relayed).toEqual(['here']);
  });

  it('validates delivered events against the contract like emitted ones', () => {
    const bus = new EventBus();
    let heard = 0;
    bus.onAny(() => heard++);
    expect(() => bus.deliver('conversations.changed', { id: 'UPPER CASE', deleted: false })).toThrow();
    expect(() => bus.deliver('no.such.event', {})).toThrow(HearthError);
    // A method of the contract is not an event, and neither is anything on Object's prototype.
    expect(() => bus.deliver('sessions.signOutAll', {})).toThrow(/no event named/);
    expect(() => bus.deliver('toString', {})).toThrow(/no event named/);
    expect(heard).toBe(0);
  });
});
