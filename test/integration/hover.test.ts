import * as assert from 'node:assert/strict';
import { discard, hoversAt, hoverText, openFixture, positionOf, waitFor, waitForActivation } from './helpers';

describe('Hover', () => {
  it('shows the person card for "Khrushchev"', async () => {
    const doc = await openFixture('people.md');
    try {
      await waitForActivation();
      const pos = positionOf(doc, 'Khrushchev', 3);
      let last = '';
      const text = await waitFor(
        'a hover naming Nikita Sergeyevich Khrushchev',
        async () => {
          last = hoverText(await hoversAt(doc.uri, pos));
          return last.includes('Nikita Sergeyevich Khrushchev') ? last : undefined;
        },
        undefined,
        () => (last ? JSON.stringify(last) : '(no hover)'),
      );
      assert.ok(text.includes('Nikita Sergeyevich Khrushchev'));
    } finally {
      await discard(doc);
    }
  });
});
