/**
 * The live preview and the export from the editor, without VS Code:
 * - the server's side (server/src/features/preview.ts, server/src/lsp/exportRequest.ts): what
 *   `programme/preview` and `programme/export` answer, from the newest analysis a lookup gives;
 * - the page (client/src/previewPage.ts): its Content-Security-Policy, nonces and pieces;
 * - the scroll synchronisation of the page's script (media/preview.js), loaded into a bare context
 *   where it only defines its pure functions: source line → page offset and back.
 * The requests through a running server are in test/lsp.test.ts; the preview in VS Code in
 * test/e2e/vscode.e2e.ts.
 */
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import fc from 'fast-check';
import { analyse } from '../../server/src/rules/index';
import { publication } from '../../server/src/export/document';
import { htmlParts } from '../../server/src/export/html';
import { exportProgramme } from '../../server/src/export/index';
import { EXPORT_FORMATS } from '../../server/src/export/formats';
import { exportedOutput, exportedFile, preview } from '../../server/src/features/preview';
import { answerExport, answerPreview, type AskNewest } from '../../server/src/lsp/exportRequest';
import { DocumentService } from '../../server/src/lsp/documentService';
import type { ExportParams, PreviewParams } from '../../server/src/lsp/exportProtocol';
import { previewPage } from '../../client/src/previewPage';

const EXAMPLE = readFileSync(new URL('../../examples/lokalvalget-2023.programme', import.meta.url), 'utf8');
const EXAMPLE_LINES = EXAMPLE.split('\n');
const example = analyse(EXAMPLE).programme;

/** The 0-based line of the first line starting with `start` at or after 0-based line `from`. */
function lineStarting(start: string, from = 0): number {
  const at = EXAMPLE_LINES.findIndex((l, i) => i >= from && l.startsWith(start));
  if (at < 0) throw new Error(`the example has no line starting with ${JSON.stringify(start)}`);
  return at;
}

/** The opening tag of the element with `id="…"` in `html` (e.g. `<li id="tiltak-4-7" data-line="…">`). */
function tagWithId(html: string, id: string): string {
  const at = html.indexOf(` id="${id}"`);
  assert.ok(at >= 0, `an element has id="${id}"`);
  return html.slice(html.lastIndexOf('<', at), html.indexOf('>', at) + 1);
}

/** A lookup that knows one open document: its analysis held by a {@link DocumentService}, as a worker of the server holds it. */
const lookup = (uri: string, version: number, text: string): AskNewest => {
  const service = new DocumentService();
  const ready = service.analyse({ uri, version, text, config: {}, language: 'en', key: 'en', generation: 1 }, async () => undefined, () => false);
  return async (asked, name, params) => {
    await ready;
    return asked === uri ? (await service.answer({ uri, name, params }))?.result : undefined;
  };
};

const isInvalidParams = (error: { code?: number }) => error.code === -32602;

describe('preview: what programme/preview answers', () => {
  it("is the HTML writer's pieces with source lines, and the version they were made from", () => {
    assert.deepEqual(preview(example, 17), { version: 17, ...htmlParts(publication(example), { sourceLines: true }) });
  });

  it('marks the pillars, measures and references of the example as the preview needs them', () => {
    const { lang, title, body } = preview(example, 1);
    assert.equal(lang, 'nb');
    assert.equal(title, 'Valgseier i lokalvalget 2023');
    // Pillar 4's heading, by its anchor, starts at its source line.
    const pillar = tagWithId(body, 'kapittel-4');
    assert.match(pillar, /^<h\d /);
    assert.ok(pillar.includes(` data-line="${lineStarting('# 4. ')}"`), pillar);
    // Measure 4.7 is a list item with its id and its source lines.
    const measureLine = lineStarting('7. ', lineStarting('# 4. '));
    const measure = tagWithId(body, 'tiltak-4-7');
    assert.match(measure, /^<li /);
    assert.ok(measure.includes(` data-line="${measureLine}"`) && measure.includes(` data-end-line="${measureLine}"`), measure);
    // [[4.7]] in pillar 5 links to it.
    assert.ok(body.includes('<a href="#tiltak-4-7">'), 'the reference [[4.7]] links to #tiltak-4-7');
  });

  it('answers from the newest analysis the lookup gives, and null for a document that is not open', async () => {
    const uri = 'file:///p/a.programme';
    const newest = lookup(uri, 5, '# 1. Arbeid\n\n1. Gi alle arbeid.\n');
    const answer = await answerPreview({ uri, version: 3 }, newest);
    assert.ok(answer !== null);
    assert.equal(answer.version, 5);
    assert.equal(answer.body, htmlParts(publication(analyse('# 1. Arbeid\n\n1. Gi alle arbeid.\n').programme), { sourceLines: true }).body);
    assert.equal(await answerPreview({ uri: 'file:///p/b.programme' }, newest), null);
  });

  it('refuses parameters without a URI', async () => {
    await assert.rejects(answerPreview({} as PreviewParams, lookup('x', 1, '')), isInvalidParams);
    await assert.rejects(answerPreview(null as unknown as PreviewParams, lookup('x', 1, '')), isInvalidParams);
  });
});

describe('preview: what programme/export answers', () => {
  it('gives text formats as text, exactly what the writers write', async () => {
    for (const format of ['html', 'md', 'json'] as const) {
      const expected = await exportProgramme(example, format);
      assert.deepEqual(await exportedFile(example, format), { text: (expected as { text: string }).text }, format);
    }
  });

  it('gives bytes as base64, from the bytes of their view only', () => {
    const bytes = new Uint8Array([9, 0, 1, 254, 255, 9]).subarray(1, 5);
    assert.deepEqual(exportedOutput({ bytes }), { data: 'AAH+/w==' });
    assert.deepEqual(exportedOutput({ text: 'æ' }), { text: 'æ' });
  });

  it('gives a Word document as base64 of what the writer writes', async () => {
    const answer = await exportedFile(example, 'docx');
    assert.ok('data' in answer);
    const written = await exportProgramme(example, 'docx');
    // Two writes differ in their time stamps (docProps/core.xml) and Word's hidden _Toc bookmarks, not in the programme.
    const parts = async (bytes: Uint8Array) => {
      const zip = await JSZip.loadAsync(bytes);
      return Promise.all(['[Content_Types].xml', 'word/numbering.xml', 'word/styles.xml'].map((name) => zip.file(name)!.async('string')));
    };
    assert.deepEqual(await parts(Buffer.from(answer.data, 'base64')), await parts((written as { bytes: Uint8Array }).bytes));
  });

  it('answers every format for an open document, null for one that is not open, and refuses other formats', async () => {
    const uri = 'untitled:Untitled-1';
    const newest = lookup(uri, 2, '# 1. Arbeid\n\n1. Gi alle arbeid.\n');
    for (const format of EXPORT_FORMATS) assert.notEqual(await answerExport({ uri, format }, newest), null, format);
    assert.equal(await answerExport({ uri: 'untitled:Untitled-2', format: 'md' }, newest), null);
    await assert.rejects(answerExport({ uri, format: 'pdf' } as unknown as ExportParams, newest), isInvalidParams);
    await assert.rejects(answerExport({ format: 'md' } as ExportParams, newest), isInvalidParams);
  });
});

describe('preview: the page', () => {
  const parts = { version: 4, lang: 'nb', title: 'Tittel <og> «mer»', css: 'h1 { color: red } /* </style><script>x</script> */', body: '<h2 id="kapittel-1" data-line="3" data-end-line="3">1. Arbeid</h2>' };
  const page = previewPage({ cspSource: 'https://file+.vscode-resource.vscode-cdn.net', nonce: 'abc123', scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/preview.js', preview: parts, line: 12.5 });

  it('has a Content-Security-Policy that lets only the nonce and the webview itself in', () => {
    assert.ok(
      page.includes(
        '<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src https://file+.vscode-resource.vscode-cdn.net &#39;nonce-abc123&#39;; script-src &#39;nonce-abc123&#39;; img-src https://file+.vscode-resource.vscode-cdn.net data:">',
      ),
      page,
    );
  });

  it('has the server\'s style sheet, the preview\'s and its script, each with the nonce, and the body', () => {
    assert.equal(page.split('nonce="abc123"').length - 1, 3);
    assert.ok(page.includes('<style id="programme-css" nonce="abc123">h1 { color: red } /* <\\/style><script>x<\\/script> */</style>'), page);
    assert.ok(page.includes('<script defer nonce="abc123" src="https://file+.vscode-resource.vscode-cdn.net/ext/media/preview.js"></script>'), page);
    assert.ok(page.includes(`<body>\n${parts.body}\n</body>`), page);
    // One script element: the one above (the other "<script" is text inside the style sheet).
    assert.equal(page.replace(parts.css.split('</').join('<\\/'), '').split('<script').length - 1, 1, 'one script');
  });

  it('has the programme\'s language and title, escaped, and tells the script the version and the line to start at', () => {
    assert.ok(page.startsWith('<!DOCTYPE html>\n<html lang="nb">\n'), page);
    assert.ok(page.includes('<title>Tittel &#60;og&#62; «mer»</title>'), page);
    assert.ok(page.includes('<meta id="programme-preview-settings" data-version="4" data-line="12.5">'), page);
  });

  it('is an empty page while the first answer is awaited', () => {
    const empty = previewPage({ cspSource: 'x', nonce: 'n', scriptUri: 's', line: 0 });
    assert.ok(empty.includes('<meta id="programme-preview-settings" data-version="-1" data-line="0">'), empty);
    assert.ok(empty.includes('<body>\n\n</body>'), empty);
  });
});

/** A block of the page as media/preview.js measures it. */
interface Block {
  line: number;
  endLine: number;
  top: number;
  bottom: number;
}

/** media/preview.js's pure functions, from the script run in a context without a webview. */
const script = (() => {
  const context: { programmePreview?: { offsetOfLine(blocks: Block[], line: number): number; lineAtOffset(blocks: Block[], offset: number): number } } = {};
  vm.runInNewContext(readFileSync(new URL('../../media/preview.js', import.meta.url), 'utf8'), context);
  assert.ok(context.programmePreview !== undefined, 'the script defines programmePreview outside a webview');
  return context.programmePreview;
})();

describe('preview: the scroll synchronisation of media/preview.js', () => {
  // A heading (line 0), a measure over lines 2–4 with a sub-point over 3–4 inside it, a measure on line 6.
  const blocks: Block[] = [
    { line: 0, endLine: 0, top: 0, bottom: 40 },
    { line: 2, endLine: 4, top: 50, bottom: 110 },
    { line: 3, endLine: 4, top: 80, bottom: 110 },
    { line: 6, endLine: 6, top: 120, bottom: 140 },
  ];

  it('scrolls to a source line inside its innermost block, between blocks in proportion, and stops at the ends', () => {
    const offsets = [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 5, 5.5, 6.5, 10].map((line) => script.offsetOfLine(blocks, line));
    assert.deepEqual(offsets, [0, 20, 40, 45, 50, 60, 80, 87.5, 110, 115, 130, 140]);
    assert.equal(script.offsetOfLine([], 3), 0);
    assert.equal(script.offsetOfLine([{ line: 4, endLine: 4, top: 200, bottom: 220 }], 2), 100);
  });

  it('reads the source line at a page offset the same way back', () => {
    const lines = [0, 20, 45, 50, 65, 87.5, 115, 130, 200].map((offset) => script.lineAtOffset(blocks, offset));
    assert.deepEqual(lines, [0, 0.5, 1.5, 2, 2.75, 3.5, 5.5, 6.5, 7]);
    assert.equal(script.lineAtOffset([], 30), 0);
    assert.equal(script.lineAtOffset([{ line: 4, endLine: 4, top: 200, bottom: 220 }], 50), 1);
  });

  it('gives back the line it scrolled to, for any page of blocks one after the other', () => {
    const page = fc
      .array(fc.record({ lines: fc.integer({ min: 1, max: 5 }), gapLines: fc.nat(3), height: fc.integer({ min: 1, max: 300 }), gap: fc.integer({ min: 1, max: 40 }) }), { minLength: 1, maxLength: 30 })
      .map((specs) => {
        const out: Block[] = [];
        let line = 0;
        let top = 0;
        for (const s of specs) {
          line += s.gapLines;
          top += s.gap;
          out.push({ line, endLine: line + s.lines - 1, top, bottom: top + s.height });
          line += s.lines;
          top += s.height;
        }
        return out;
      });
    fc.assert(
      fc.property(page, fc.double({ min: 0, max: 1, noNaN: true }), (page, at) => {
        const last = page[page.length - 1]!;
        const line = at * (last.endLine + 1);
        const back = script.lineAtOffset(page, script.offsetOfLine(page, line));
        return Math.abs(back - line) < 1e-6;
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
  });
});
