import { describe, expect, it } from '@jest/globals';
import { createViewEnvironment, ukDate } from './views.js';

describe('views', () => {
  it('writes dates as the registers do', () => {
    expect(ukDate('2020-11-18')).toBe('18/11/2020');
    expect(ukDate('2020-11-25T17:00:00.000Z')).toBe('25/11/2020');
    expect(ukDate(null)).toBe('');
    expect(ukDate('March 2021')).toBe('March 2021');
  });

  it('renders the GOV.UK layout and escapes by default', () => {
    const env = createViewEnvironment({ councilName: 'Oldham Council' });
    const html = env.renderString('{% extends "layout.njk" %}{% block content %}<p>{{ text }}</p>{% endblock %}', {
      pageTitle: 'Decision details',
      text: '<script>alert(1)</script>',
    });
    expect(html).toContain('<title>Decision details – Oldham Council</title>');
    expect(html).toContain('govuk-template__body');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)</script>');
    // A council is not GOV.UK: no crown, no GOV.UK logo, no Crown copyright.
    expect(html).not.toMatch(/Crown copyright|govuk-logo|govuk-header__logo/);
    expect(html).toContain('Oldham Council');
  });

  it('puts the request nonce on every script, so the CSP needs no unsafe-inline', () => {
    const env = createViewEnvironment({ councilName: 'Oldham Council' });
    const html = env.renderString('{% extends "layout.njk" %}{% block content %}<p>hi</p>{% endblock %}', { cspNonce: 'n0nce' });
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain('nonce="n0nce"');
  });
});
