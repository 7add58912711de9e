import { describe, expect, it } from 'vitest';
import type { SourceId } from '../dataset/schema';
import { chooseVenue, normalizeVenue, supersededWorkshops, venueFromAclId } from './venue';

describe('normalizeVenue', () => {
  it.each([
    ['ICLR, 2024', 'ICLR 2024', 2024],
    ['NeurlPS, 2022', 'NeurIPS 2022', 2022],
    ['NIPS, 2024', 'NeurIPS 2024', 2024],
    ["ICLR'24", 'ICLR 2024', 2024],
    ['NeurIPS2021', 'NeurIPS 2021', 2021],
    ['ICLR2020', 'ICLR 2020', 2020],
    ["EMNLP'24%20Findings", 'Findings of EMNLP 2024', 2024],
    ["ACL24'Findings", 'Findings of ACL 2024', 2024],
    ['EMNLP-Findings, 2023', 'Findings of EMNLP 2023', 2023],
    ['ACL 2024 Findings', 'Findings of ACL 2024', 2024],
    ['AACL-Findings, 2020', 'Findings of AACL 2020', 2020],
    ['NeurIPS-ENLSP, 2023', 'NeurIPS 2023 Workshop', 2023],
    ["ICML'23%20ES%20FOMO", 'ICML 2023 Workshop', 2023],
    ['ICML Workshop, 2023', 'ICML 2023 Workshop', 2023],
    ['Building Trust Workshop @ ICLR 2025 2025', 'ICLR 2025 Workshop', 2025],
    ['ACL Demo, 2023', 'ACL 2023 Demo', 2023],
    ["NAACL'24%20Industry%20Track", 'NAACL 2024 Industry Track', 2024],
    ['ACL-Short, 2022', 'ACL 2022', 2022],
    ['ACL-IJCNLP 2021', 'ACL 2021', 2021],
    ['NAACL-HLT, 2022', 'NAACL 2022', 2022],
    ["MLSys'23%20Outstanding%20Award", 'MLSys 2023', 2023],
    ["ICML'23%20Oral", 'ICML 2023', 2023],
    ['IJCAI 2024 (Survey Track)', 'IJCAI 2024', 2024],
    ['IEEE SC20', 'SC 2020', 2020],
    ['IEEE SC20 2020', 'SC 2020', 2020],
    ['SC, 2021', 'SC 2021', 2021],
    ['USENIX ATC, 2021', 'USENIX ATC 2021', 2021],
    ['SOSP%202023', 'SOSP 2023', 2023],
    ['TACL', 'TACL', null],
    ['AI Open, 2023', 'AI Open 2023', 2023],
    ['ICLRW 2024', 'ICLR 2024 Workshop', 2024],
    ['Artificial Intelligence Review', 'Artificial Intelligence Review', null],
  ])('%s → %s', (raw, venue, year) => {
    expect(normalizeVenue(raw)).toEqual({ venue, year });
  });

  it.each([
    ['arXiv, 2024', 2024],
    ['Arxiv 2025', 2025],
    ['ArXiv', null],
    ['Github', null],
    ['GitHub', null],
    ['Blog, 2023', 2023],
    ['Website, 2024', 2024],
    ['PMLR', null],
    ['Anthropic 2024', 2024],
    ['MIT PhD thesis', null],
    ['arXiv, ICML', null],
    ['', null],
    ['  ,  ', null],
  ])('%s is not a venue', (raw, year) => {
    expect(normalizeVenue(raw)).toEqual({ venue: null, year });
  });

  it('never throws on odd input', () => {
    expect(normalizeVenue(null)).toEqual({ venue: null, year: null });
    expect(normalizeVenue(undefined)).toEqual({ venue: null, year: null });
    expect(normalizeVenue('%E0%A4%A')).toEqual({ venue: '%E0%A4%A', year: null });
  });
});

describe('venueFromAclId', () => {
  it.each([
    ['2023.emnlp-main.625', 'EMNLP 2023'],
    ['2022.acl-long.170', 'ACL 2022'],
    ['2022.findings-emnlp.160', 'Findings of EMNLP 2022'],
    ['2023.acl-demo.26', 'ACL 2023 Demo'],
    ['2021.naacl-industry.15', 'NAACL 2021 Industry Track'],
    ['P19-1355', 'ACL 2019'],
    ['L18-1550', 'LREC 2018'],
    ['P98-1013', 'ACL 1998'],
  ])('%s → %s', (id, venue) => {
    expect(venueFromAclId(id)).toBe(venue);
  });

  it.each([['2023.sustainlp-1.5'], ['2021.eacl-srw.6'], ['W16-2301'], ['not-an-id']])('%s → null', (id) => {
    expect(venueFromAclId(id)).toBeNull();
  });
});

const PRIORITY: SourceId[] = ['curated', 'huangowen', 'tiingweii', 'aiot', 'horseee'];

describe('supersededWorkshops', () => {
  it.each([
    [['NeurIPS 2023 Workshop', 'ICLR 2024'], ['NeurIPS 2023 Workshop']],
    [['ICLR 2025 Workshop', 'ICLR 2025'], ['ICLR 2025 Workshop']],
    [['ICML 2023 Workshop', 'Findings of EMNLP 2023'], ['ICML 2023 Workshop']],
    // A main conference two years later, or earlier, is not where the workshop paper was published.
    [['NeurIPS 2022 Workshop', 'ICLR 2024'], []],
    [['ICML 2024 Workshop', 'NeurIPS 2023'], []],
    [['ICML 2023 Workshop', 'NeurIPS 2023 Workshop'], []],
    [['ICML Workshop', 'ICLR 2024'], []],
    [['ICLR 2024'], []],
  ])('%j → %j', (venues, superseded) => {
    expect([...supersededWorkshops(venues)]).toEqual(superseded);
  });
});

describe('chooseVenue', () => {
  it.each([
    [
      'a main conference over a workshop of the previous year, against priority (Sheared LLaMA)',
      [
        { value: 'NeurIPS 2023 Workshop', source: 'aiot' },
        { value: 'ICLR 2024', source: 'horseee' },
      ],
      'ICLR 2024',
    ],
    [
      'a main conference over a workshop of the same year, against a majority',
      [
        { value: 'ICLR 2025 Workshop', source: 'huangowen' },
        { value: 'ICLR 2025 Workshop', source: 'aiot' },
        { value: 'ICLR 2025', source: 'horseee' },
      ],
      'ICLR 2025',
    ],
    [
      'the workshop when no archival venue is near it',
      [
        { value: 'ICML 2023 Workshop', source: 'huangowen' },
        { value: 'AAAI 2025', source: 'aiot' },
      ],
      'ICML 2023 Workshop',
    ],
    [
      'the curated venue, even a workshop',
      [
        { value: 'NeurIPS 2023 Workshop', source: 'curated' },
        { value: 'ICLR 2024', source: 'huangowen' },
      ],
      'NeurIPS 2023 Workshop',
    ],
    [
      'the most supported venue when no workshop is involved',
      [
        { value: 'EMNLP 2023', source: 'aiot' },
        { value: 'Findings of EMNLP 2023', source: 'huangowen' },
        { value: 'EMNLP 2023', source: 'horseee' },
      ],
      'EMNLP 2023',
    ],
    ['nothing without votes', [], null],
  ] as const)('%s', (_why, votes, expected) => {
    expect(chooseVenue(votes, PRIORITY)).toBe(expected);
  });
});
