import { htmlToText, renderMarkdown } from './markdown';

/** Any element with an `on…=` attribute, or a link or source whose URL runs script. */
const ACTIVE_TAG = /<[a-z][^>]*\s(on[a-z]+\s*=|(href|src)\s*=\s*["']?\s*(javascript|vbscript|data):)/i;

describe('renderMarkdown', () => {
  it('renders the usual formatting', () => {
    const html = renderMarkdown('# Titre\n\nDu **gras**, de l’*italique* et [un lien](https://www.cnil.fr).\n\n- un\n- deux');
    expect(html).toContain('<h1>Titre</h1>');
    expect(html).toContain('<strong>gras</strong>');
    expect(html).toContain('<a href="https://www.cnil.fr" rel="noopener noreferrer nofollow">un lien</a>');
    expect(html).toContain('<li>deux</li>');
  });

  it.each([
    ['a script element', 'Avant <script>alert(1)</script> après'],
    ['a javascript: link', '[cliquez](javascript:alert(1))'],
    ['a javascript: link with mixed case and entities', '[x](JaVaScRiPt:alert(1)) [y](&#106;avascript:alert(1))'],
    ['a raw anchor with an event attribute', '<a href="javascript:alert(1)" onclick="steal()">a</a>'],
    ['an image with onerror', '<img src=x onerror="alert(1)">'],
    ['an image with a javascript: source', '![x](javascript:alert(1))'],
    ['an svg with onload', '<svg onload=alert(1)><circle/></svg>'],
    ['an iframe', '<iframe src="https://evil.example"></iframe>'],
    ['a data: link', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['a style attribute', '<p style="background:url(javascript:alert(1))">x</p>'],
  ])('renders %s inert', (_label, source) => {
    const html = renderMarkdown(source);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<(iframe|svg|object|embed|style)/i);
    expect(html).not.toMatch(ACTIVE_TAG);
  });

  it('shows raw HTML as text rather than dropping the author’s words', () => {
    expect(renderMarkdown('<b>x</b>')).toBe('<p>&lt;b&gt;x&lt;/b&gt;</p>');
  });

  it('keeps https images and drops http ones', () => {
    expect(renderMarkdown('![schéma](https://img.example/a.png)')).toContain('<img src="https://img.example/a.png" alt="schéma" />');
    expect(renderMarkdown('![schéma](http://img.example/a.png)')).not.toContain('src=');
  });
});

describe('htmlToText', () => {
  it('keeps the words only', () => {
    expect(htmlToText(renderMarkdown('# L’IA\n\nUne *formation* & des <b>outils</b>'))).toBe('L’IA Une formation & des <b>outils</b>');
  });
});
