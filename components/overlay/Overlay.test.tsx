// @vitest-environment happy-dom
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { LookupResult } from '../../lib/catalog/types';
import type { PaperRecord, Provenance } from '../../lib/dataset/schema';
import { TAXONOMY_NODES } from '../../lib/taxonomy';
import {
  accessibleName,
  buttonByName,
  type Mounted,
  makeRecord,
  makeRelated,
  mount,
  spokenText,
  testNodeHref,
} from '../shared/test-utils';
import { DEFAULT_SECTION_LABEL, Overlay, type OverlayProps, type OverlayState } from './Overlay';
import { overlayCss } from './styles';

let view: Mounted | undefined;
afterEach(() => view?.unmount());

function prov(
  source: Provenance['source'],
  heading: string[],
  leaf: Provenance['leaf'],
  line = 1,
): Provenance {
  return {
    source,
    file: `${source}.md`,
    heading,
    line,
    leaf,
    confidence: leaf ? 'confident' : null,
    title: 't',
  };
}

const paper = makeRecord({
  id: 'arxiv:2305.14314',
  arxivId: '2305.14314',
  title: 'QLoRA: Efficient Finetuning of Quantized LLMs',
  leaves: ['parameter-efficient-fine-tuning', 'quantization'],
  provenance: [
    prov('huangowen', ['Papers', 'Quantization'], 'quantization', 10),
    prov('horseee', ['Quantization'], 'quantization', 20),
    // Same source and heading again (another line): listed once.
    prov('huangowen', ['Papers', 'Quantization'], 'quantization', 30),
    prov(
      'aiot',
      ['Efficient Fine-Tuning', 'Parameter-Efficient Fine-Tuning'],
      'parameter-efficient-fine-tuning',
    ),
    prov('curated', [], 'parameter-efficient-fine-tuning'),
    // A negative (out-of-scope heading) is never shown.
    prov('tiingweii', ['Hardware'], null),
  ],
});

const survey = makeRecord({
  id: 'arxiv:2312.00678',
  arxivId: '2312.00678',
  title: 'The Efficiency Spectrum of Large Language Models: An Algorithmic Survey',
  isSurvey: true,
  leaves: [],
  provenance: [prov('manual', [], null)],
});

const related = [
  makeRelated({
    id: 'arxiv:2106.09685',
    arxivId: '2106.09685',
    title: 'LoRA',
    year: 2021,
    venue: 'ICLR 2022',
  }),
  makeRelated({ id: 'arxiv:2210.17323', arxivId: '2210.17323', title: 'GPTQ', year: 2022 }),
  makeRelated({ id: 'arxiv:2306.00978', arxivId: '2306.00978', title: 'AWQ', year: 2023 }),
  makeRelated({ id: 'arxiv:2208.07339', arxivId: '2208.07339', title: 'LLM.int8()', year: 2022 }),
  makeRelated({ id: 'arxiv:2211.10438', arxivId: '2211.10438', title: 'SmoothQuant', year: 2022 }),
];

function props(overrides: Partial<OverlayProps> = {}): OverlayProps {
  return {
    state: 'in-survey',
    paper,
    related,
    relatedHasMore: true,
    onMoreRelated: vi.fn(),
    saved: false,
    onToggleSave: vi.fn(),
    savedKeys: new Set<string>(),
    collapsed: false,
    onToggleCollapsed: vi.fn(),
    onDismiss: vi.fn(),
    nodeHref: testNodeHref,
    showNotInSurveyChip: true,
    ...overrides,
  };
}

const card = (v: Mounted) => v.$('section')!;
const placements = (v: Mounted) => v.$$('[data-testid="leaf-placement"]');

describe('in-survey', () => {
  test('a complementary landmark with the header, Save, collapse and dismiss', () => {
    view = mount(<Overlay {...props()} />);
    const section = card(view);
    expect(section.getAttribute('role')).toBe('complementary');
    expect(section.getAttribute('aria-label')).toBe('Efficiency Lens: survey context');
    expect(DEFAULT_SECTION_LABEL).toBe('Efficiency Lens: survey context');
    expect(section.dataset.state).toBe('in-survey');
    expect(view.$('h2')!.textContent).toBe('In the efficiency survey');
    const save = buttonByName(section, 'Save to my list')!;
    expect(save.getAttribute('aria-pressed')).toBe('false');
    const collapse = buttonByName(section, 'Collapse Efficiency Lens')!;
    expect(collapse.getAttribute('aria-expanded')).toBe('true');
    expect(buttonByName(section, 'Dismiss Efficiency Lens')).not.toBeNull();
  });

  test('one placement per leaf, in the paper order: path links, survey section and sources', () => {
    view = mount(<Overlay {...props()} />);
    const got = placements(view).map((li) => ({
      leaf: li.dataset.leaf,
      chip: accessibleName(li.querySelector('[data-testid="leaf-chip"]')!),
      path: [...li.querySelectorAll('[data-testid="taxonomy-path"] a')].map((a) => [
        a.textContent,
        a.getAttribute('href'),
      ]),
      section: li.querySelector('[data-testid="survey-section"]')!.textContent,
      provenance: li.querySelector('[data-testid="provenance"]')?.textContent ?? null,
    }));
    expect(got).toEqual([
      {
        leaf: 'parameter-efficient-fine-tuning',
        chip: 'Parameter-Efficient Fine-Tuning',
        path: [
          ['Training & Tuning Efficiency', testNodeHref('training-tuning-efficiency')],
          ['Scalable Tuning', testNodeHref('scalable-tuning')],
          ['Parameter-Efficient Fine-Tuning', testNodeHref('parameter-efficient-fine-tuning')],
        ],
        section: '§6 Training & Tuning Efficiency',
        provenance:
          'Listed in: AIoT-MLSys-Lab/Efficient-LLMs-Survey · Parameter-Efficient Fine-Tuning; curated supplement',
      },
      {
        leaf: 'quantization',
        chip: 'Quantization',
        path: [
          ['Inference Efficiency', testNodeHref('inference-efficiency')],
          ['Quantization', testNodeHref('quantization')],
        ],
        section: '§7 Inference Efficiency',
        provenance:
          'Listed in: HuangOwen/Awesome-LLM-Compression · Quantization; horseee/Awesome-Efficient-LLM · Quantization',
      },
    ]);
  });

  test('at most three sources per leaf, the rest counted', () => {
    const many = makeRecord({
      provenance: (['aiot', 'horseee', 'huangowen', 'tiingweii', 'curated'] as const).map((s) =>
        prov(s, ['Quantization'], 'quantization'),
      ),
    });
    view = mount(<Overlay {...props({ paper: many })} />);
    expect(view.$('[data-testid="provenance"]')!.textContent).toBe(
      'Listed in: AIoT-MLSys-Lab/Efficient-LLMs-Survey · Quantization; horseee/Awesome-Efficient-LLM · Quantization; HuangOwen/Awesome-LLM-Compression · Quantization (+2 more)',
    );
  });

  test('a leaf with no matching provenance has no "Listed in" line', () => {
    const p = makeRecord({
      leaves: ['pruning'],
      provenance: [prov('horseee', ['Quantization'], 'quantization')],
    });
    view = mount(<Overlay {...props({ paper: p })} />);
    expect(placements(view).length).toBe(1);
    expect(view.$('[data-testid="provenance"]')).toBeNull();
  });

  test('an unknown leaf id in the record is skipped, not a crash', () => {
    const p = { ...paper, leaves: ['quantization', 'no-such-leaf'] } as unknown as PaperRecord;
    view = mount(<Overlay {...props({ paper: p })} />);
    expect(placements(view).map((li) => li.dataset.leaf)).toEqual(['quantization']);
  });

  test('a record without leaves says so', () => {
    view = mount(<Overlay {...props({ paper: { ...paper, leaves: [] } })} />);
    expect(placements(view).length).toBe(0);
    expect(view.$('.el-body')!.textContent).toContain('No taxonomy leaf is recorded for this paper.');
  });

  test.each<[LookupResult['matchedBy'] | undefined, boolean]>([
    ['title-fuzzy', true],
    ['title-exact', false],
    ['arxiv-id', false],
    ['openreview-id', false],
    [undefined, false],
  ])('matchedBy=%s: "matched by title" note shown=%s', (matchedBy, shown) => {
    view = mount(<Overlay {...props({ matchedBy })} />);
    const note = view.$('[data-testid="matched-by-title"]');
    expect(note !== null).toBe(shown);
    if (note) expect(note.textContent).toBe('matched by title');
  });

  test('related works: heading, items, Saved marks from savedKeys, More button', () => {
    const p = props({ savedKeys: new Set(['arxiv:2210.17323', 'arxiv:2211.10438', 'arxiv:9999.99999']) });
    view = mount(<Overlay {...p} />);
    const heading = [...view.$$('h3')].find((h) => h.textContent === 'Related works');
    expect(heading).toBeDefined();
    const items = view.$$('[data-testid="related-item"]');
    expect(items.map((li) => li.querySelector('a')!.textContent)).toEqual([
      'LoRA',
      'GPTQ',
      'AWQ',
      'LLM.int8()',
      'SmoothQuant',
    ]);
    expect(items.map((li) => li.querySelector('a')!.getAttribute('href'))).toEqual(
      related.map((r) => `https://arxiv.org/abs/${r.record.arxivId}`),
    );
    expect(items.map((li) => li.querySelector('[data-testid="saved-mark"]') !== null)).toEqual([
      false,
      true,
      false,
      false,
      true,
    ]);
    buttonByName(card(view), 'More related works')!.click();
    expect(p.onMoreRelated).toHaveBeenCalledTimes(1);
  });

  test('no More button when there is no more', () => {
    view = mount(<Overlay {...props({ relatedHasMore: false })} />);
    expect(view.$('[data-testid="related-more"]')).toBeNull();
    expect(view.$$('[data-testid="related-item"]').length).toBe(related.length);
  });

  test('no Related works block when related is not given; an empty-state line when it is []', () => {
    view = mount(<Overlay {...props({ related: undefined })} />);
    expect(view.$('[data-testid="related-list"]')).toBeNull();
    expect(view.$$('h3').some((h) => h.textContent === 'Related works')).toBe(false);
    view.rerender(<Overlay {...props({ related: [] })} />);
    expect(view.$('[data-testid="related-empty"]')).not.toBeNull();
  });

  test('each header button fires only its own callback', () => {
    const p = props();
    view = mount(<Overlay {...p} />);
    const cases: [string, OverlayProps['onDismiss']][] = [
      ['Save to my list', p.onToggleSave],
      ['Collapse Efficiency Lens', p.onToggleCollapsed],
      ['Dismiss Efficiency Lens', p.onDismiss],
    ];
    for (const [name, spy] of cases) {
      buttonByName(card(view), name)!.click();
      expect(spy, name).toHaveBeenCalledTimes(1);
    }
    expect(p.onMoreRelated).not.toHaveBeenCalled();
  });

  test('saved and pending states reach the Save button', () => {
    view = mount(<Overlay {...props({ saved: true })} />);
    const saved = buttonByName(card(view), 'Saved')!;
    expect(saved.getAttribute('aria-pressed')).toBe('true');
    expect(buttonByName(card(view), 'Save to my list')).toBeNull();
    view.rerender(<Overlay {...props({ saved: true, savePending: true })} />);
    expect(buttonByName(card(view), 'Saved')!.getAttribute('aria-disabled')).toBe('true');
  });

  test('compact drops the sources and the why-related texts but keeps the placement', () => {
    view = mount(<Overlay {...props({ compact: true })} />);
    expect(card(view).classList.contains('el-compact')).toBe(true);
    expect(placements(view).length).toBe(2);
    expect(view.$('[data-testid="provenance"]')).toBeNull();
    expect(view.$('[data-testid="related-reason"]')).toBeNull();
    expect(view.$$('[data-testid="related-item"]').length).toBe(related.length);
  });

  test('custom landmark label', () => {
    view = mount(<Overlay {...props({ sectionLabel: 'Efficiency Lens: QLoRA' })} />);
    expect(card(view).getAttribute('aria-label')).toBe('Efficiency Lens: QLoRA');
  });

  test('without a paper record it says so instead of rendering an empty card', () => {
    view = mount(<Overlay {...props({ paper: undefined })} />);
    expect(view.$('[data-testid="overlay-error"]')!.textContent).toContain(
      'No paper record was given to the overlay.',
    );
    expect(placements(view).length).toBe(0);
  });
});

describe('collapsed', () => {
  test.each<OverlayState>(['in-survey', 'survey-itself'])('%s: only the header row', (state) => {
    const p = props({ state, collapsed: true, paper: state === 'survey-itself' ? survey : paper });
    view = mount(<Overlay {...p} />);
    const section = card(view);
    expect(section.classList.contains('el-collapsed')).toBe(true);
    expect(view.$('h2')!.textContent).toBe('Efficiency Lens');
    expect(view.$('.el-body')).toBeNull();
    expect(view.$('a')).toBeNull();
    expect(view.$('[data-testid="related-list"]')).toBeNull();
    expect(view.$('[data-testid="taxonomy-tree"]')).toBeNull();
    const expand = buttonByName(section, 'Expand Efficiency Lens')!;
    expect(expand.getAttribute('aria-expanded')).toBe('false');
    expand.click();
    expect(p.onToggleCollapsed).toHaveBeenCalledTimes(1);
    buttonByName(section, 'Save to my list')!.click();
    expect(p.onToggleSave).toHaveBeenCalledTimes(1);
  });

  test('shows a chip per leaf of the paper', () => {
    view = mount(<Overlay {...props({ collapsed: true })} />);
    expect(view.$$('[data-testid="overlay-header"] [data-testid="leaf-chip"]').map(accessibleName)).toEqual([
      'Parameter-Efficient Fine-Tuning',
      'Quantization',
    ]);
  });

  test('expanding again restores the body in the same card', () => {
    view = mount(<Overlay {...props({ collapsed: true })} />);
    const section = card(view);
    view.rerender(<Overlay {...props({ collapsed: false })} />);
    expect(card(view)).toBe(section);
    expect(placements(view).length).toBe(2);
  });
});

describe('survey-itself', () => {
  const counts = Object.fromEntries(TAXONOMY_NODES.map((n, i) => [n.id, (i + 1) * 10]));

  test('the whole tree with counts, plus Save', () => {
    const p = props({ state: 'survey-itself', paper: survey, counts, related: undefined });
    view = mount(<Overlay {...p} />);
    expect(card(view).dataset.state).toBe('survey-itself');
    expect(view.$('h2')!.textContent).toBe('This is the efficiency survey');
    const nodes = view.$$('[data-testid="tree-node"]');
    expect(nodes.map((li) => li.dataset.nodeId)).toEqual(TAXONOMY_NODES.map((n) => n.id));
    for (const li of nodes) {
      const count = li.querySelector(':scope > .el-tree-row > [data-testid="node-count"]')!;
      expect(count.firstChild!.textContent).toBe(String(counts[li.dataset.nodeId!]));
      expect(li.querySelector('a')!.getAttribute('href')).toBe(testNodeHref(li.dataset.nodeId!));
    }
    expect(view.$('[data-testid="leaf-placement"]')).toBeNull();
    buttonByName(card(view), 'Save to my list')!.click();
    expect(p.onToggleSave).toHaveBeenCalledTimes(1);
  });
});

describe('not-in-survey', () => {
  test('a small chip with Save and dismiss, nothing else', () => {
    const p = props({ state: 'not-in-survey', paper: undefined, related: undefined });
    view = mount(<Overlay {...p} />);
    const chip = view.$('[data-testid="not-in-survey-chip"]')!;
    expect(chip.getAttribute('role')).toBe('complementary');
    expect(chip.getAttribute('aria-label')).toBe(DEFAULT_SECTION_LABEL);
    expect(chip.classList.contains('el-chip-card')).toBe(true);
    expect(chip.classList.contains('el-card')).toBe(false);
    expect(chip.querySelector('.el-chip-text')!.textContent).toBe('Not in the efficiency survey');
    expect(view.$$('button').map(accessibleName)).toEqual(['Save to my list', 'Dismiss Efficiency Lens']);
    expect(view.$('h2, a, ul, [data-testid="related-list"]')).toBeNull();
    buttonByName(chip, 'Save to my list')!.click();
    buttonByName(chip, 'Dismiss Efficiency Lens')!.click();
    expect(p.onToggleSave).toHaveBeenCalledTimes(1);
    expect(p.onDismiss).toHaveBeenCalledTimes(1);
  });

  test('renders nothing at all when the chip is turned off', () => {
    view = mount(<Overlay {...props({ state: 'not-in-survey', showNotInSurveyChip: false })} />);
    expect(view.root.childNodes.length).toBe(0);
  });

  test('the setting only hides the not-in-survey chip', () => {
    view = mount(<Overlay {...props({ showNotInSurveyChip: false })} />);
    expect(placements(view).length).toBe(2);
  });
});

describe('loading and error', () => {
  test('loading: a busy card with a skeleton and a status line', () => {
    view = mount(<Overlay {...props({ state: 'loading', paper: undefined, related: undefined })} />);
    const section = card(view);
    expect(section.getAttribute('aria-busy')).toBe('true');
    expect(section.classList.contains('el-card')).toBe(true);
    expect(view.$('[role="status"]')!.textContent).toBe('Loading survey context…');
    expect(view.$$('.el-bone').length).toBeGreaterThan(0);
    expect(view.$('.el-skeleton')!.getAttribute('aria-hidden')).toBe('true');
  });

  test('loading while collapsed: header footprint only', () => {
    view = mount(<Overlay {...props({ state: 'loading', collapsed: true })} />);
    expect(view.$('.el-bone')).toBeNull();
    expect(view.$('h2')!.textContent).toBe('Efficiency Lens');
  });

  test.each([
    ['Catalog not ready', 'Efficiency Lens: Catalog not ready'],
    ['   ', 'Efficiency Lens: could not load the survey context.'],
    [undefined, 'Efficiency Lens: could not load the survey context.'],
  ])('error %j: one line %j and dismiss', (errorMessage, text) => {
    const p = props({ state: 'error', errorMessage });
    view = mount(<Overlay {...p} />);
    const line = view.$('[data-testid="overlay-error"] p')!;
    expect(line.textContent).toBe(text);
    expect(line.getAttribute('role')).toBe('status');
    expect(view.$$('[data-testid="leaf-placement"], [data-testid="related-list"]').length).toBe(0);
    buttonByName(card(view), 'Dismiss Efficiency Lens')!.click();
    expect(p.onDismiss).toHaveBeenCalledTimes(1);
  });
});

describe('hostile and awkward text', () => {
  const evil = '<img src=x onerror=alert(1)><script>alert(2)</script>';

  test('markup in titles, venues, reasons, headings and errors stays literal text', () => {
    const hostileRelated = [
      makeRelated(
        { id: 'arxiv:2401.00001', arxivId: '2401.00001', title: `T ${evil}`, venue: `V ${evil}` },
        `R ${evil}`,
      ),
    ];
    const hostilePaper = makeRecord({ provenance: [prov('huangowen', [`H ${evil}`], 'quantization')] });
    view = mount(<Overlay {...props({ paper: hostilePaper, related: hostileRelated })} />);
    expect(view.$('img, script')).toBeNull();
    const item = view.$('[data-testid="related-item"]')!;
    expect(item.querySelector('a')!.textContent).toBe(`T ${evil}`);
    expect(item.querySelector('[data-testid="related-meta"]')!.textContent).toContain(`V ${evil}`);
    expect(item.querySelector('[data-testid="related-reason"]')!.textContent).toBe(`R ${evil}`);
    expect(view.$('[data-testid="provenance"]')!.textContent).toContain(`H ${evil}`);

    view.rerender(<Overlay {...props({ state: 'error', errorMessage: evil })} />);
    expect(view.$('img, script')).toBeNull();
    expect(view.$('[data-testid="overlay-error"] p')!.textContent).toBe(`Efficiency Lens: ${evil}`);
  });

  test('a javascript: link in the data never becomes an href', () => {
    const r = makeRelated({
      id: 'url:evil',
      arxivId: null,
      title: 'Evil',
      links: { code: [], openreview: null, other: ['javascript:alert(1)'] },
    });
    view = mount(<Overlay {...props({ related: [r] })} />);
    expect(view.$$('a').some((a) => /^javascript:/i.test(a.getAttribute('href') ?? ''))).toBe(false);
    expect(view.$('[data-testid="related-item"] .el-related-title')!.tagName).toBe('SPAN');
  });

  test('a 400-character unbroken title is kept whole, in a wrapping, clamped title element', () => {
    const long = 'A'.repeat(400);
    view = mount(<Overlay {...props({ related: [makeRelated({ id: 'arxiv:2401.00002', title: long })] })} />);
    const style = document.createElement('style');
    style.textContent = overlayCss;
    view.root.prepend(style);
    const link = view.$('[data-testid="related-item"] a')!;
    expect(link.textContent).toBe(long);
    expect(link.title).toBe(long);
    const computed = getComputedStyle(link);
    expect(computed.overflowWrap).toBe('anywhere');
    expect(computed.overflow).toBe('hidden');
  });
});

describe('accessibility across states', () => {
  const states: [string, Partial<OverlayProps>][] = [
    ['in-survey', {}],
    ['in-survey collapsed', { collapsed: true }],
    ['survey-itself', { state: 'survey-itself', paper: survey, counts: { quantization: 3 } }],
    ['not-in-survey', { state: 'not-in-survey' }],
    ['loading', { state: 'loading' }],
    ['error', { state: 'error', errorMessage: 'x' }],
  ];

  test.each(states)(
    '%s: every button is a named type=button, every link has text and an href',
    (_name, o) => {
      view = mount(<Overlay {...props(o)} />);
      for (const b of view.$$('button')) {
        expect(accessibleName(b)).not.toBe('');
        expect((b as HTMLButtonElement).type).toBe('button');
      }
      for (const a of view.$$('a')) {
        expect(spokenText(a)).not.toBe('');
        expect(a.getAttribute('href')).toMatch(/^(https:|chrome-extension:)/);
      }
      expect(view.$('[dangerouslySetInnerHTML]')).toBeNull();
    },
  );
});
