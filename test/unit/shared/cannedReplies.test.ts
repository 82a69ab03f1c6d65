// B10's canned-reply placeholders: the one rule the backend refuses bodies by and the desk fills them with.
import { describe, expect, it } from 'vitest';
import { CannedReplyCreateBody } from '../../../src/shared/api.ts';
import {
  CANNED_PLACEHOLDERS,
  fillCannedReply,
  placeholderProblem,
  unknownPlaceholders,
} from '../../../src/shared/cannedReplies.ts';
import { errorFromZod } from '../../../src/shared/errors.ts';

const values = { customer: 'Salma', seller: 'Tech Haven', product: 'عطر العود', agent: 'عادل الدعم' };

describe('canned reply placeholders', () => {
  it('fills every known placeholder, spaces inside the braces allowed, each as often as it appears', () => {
    expect(
      fillCannedReply('Hi {{customer}}, {{ product }} from {{seller}} ships today. {{agent}} / {{customer}}', values),
    ).toBe('Hi Salma, عطر العود from Tech Haven ships today. عادل الدعم / Salma');
    expect(fillCannedReply('مرحباً {{customer}}', values)).toBe('مرحباً Salma');
  });

  it('leaves a placeholder without a value, and anything that is not a placeholder, as written', () => {
    expect(fillCannedReply('Hi {{customer}}, {{agent}}', { customer: 'Salma', agent: '' })).toBe('Hi Salma, {{agent}}');
    expect(fillCannedReply('{{order}} {customer} {{customer', values)).toBe('{{order}} {customer} {{customer');
    expect(fillCannedReply('no placeholders', values)).toBe('no placeholders');
    // a value holding braces is not filled again
    expect(fillCannedReply('{{customer}} {{seller}}', { customer: '{{seller}}', seller: 'S' })).toBe('{{seller}} S');
  });

  it('names unknown placeholders once each, and says which ones exist', () => {
    expect(unknownPlaceholders('{{order}} {{ order }} {{Customer}} {{customer}} {{}}')).toEqual([
      '{{order}}',
      '{{ order }}',
      '{{Customer}}',
      '{{}}',
    ]);
    expect(unknownPlaceholders('{{customer}} {{seller}} {{product}} {{agent}}')).toEqual([]);
    expect(placeholderProblem('Hi {{customer}}')).toBeNull();
    const problem = placeholderProblem('Your {{order}}') as string;
    expect(problem).toContain('{{order}}');
    for (const name of CANNED_PLACEHOLDERS) expect(problem).toContain(`{{${name}}}`);
  });

  it('the create body refuses an unknown placeholder on the body field', () => {
    const result = CannedReplyCreateBody.safeParse({
      shortcut: 'order',
      title: 'Order',
      body: 'Your {{order}} is late',
      language: 'en',
    });
    expect(result.success).toBe(false);
    if (!result.success) expect(errorFromZod(result.error).fields?.body).toContain('{{order}}');
    expect(
      CannedReplyCreateBody.safeParse({ shortcut: 'أين', title: 'أين', body: '{{ customer }}', language: 'ar' })
        .success,
    ).toBe(true);
  });
});
