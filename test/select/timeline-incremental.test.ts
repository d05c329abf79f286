import { describe, expect, it } from 'vitest';
import { TimelineBuilder } from '../../src/select/timeline.js';
import { stateEvent, T0 } from '../support/events.js';

/** TimelineBuilder.segments() asked again and again as events arrive (the live dashboard) gives what one call at the end gives. */

describe('TimelineBuilder asked on every update', () => {
  it('gives the same segments as a builder asked once, across the limit that drops the oldest', () => {
    const states = ['initializing', 'testing_connection', 'running', 'running', 'stopping', 'stopped'];
    const asked = new TimelineBuilder({ limit: 3 });
    const once = new TimelineBuilder({ limit: 3 });
    for (let i = 0; i < 40; i++) {
      const event = stateEvent(T0 + i * 1000, states[i % states.length] ?? 'running', i % 7 === 0 ? { message: `m${String(i)}` } : {});
      asked.add(event);
      once.add(event);
      asked.segments(T0 + i * 1000 + 500);
    }
    expect(asked.segments(T0 + 99_000)).toEqual(once.segments(T0 + 99_000));
    expect(asked.droppedCount).toBe(once.droppedCount);
    expect(asked.droppedCount).toBeGreaterThan(0);
  });
});
