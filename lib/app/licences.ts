import type { SourceId } from '../dataset/schema';

/**
 * Where the bundled dataset comes from and under which licence, for the options page. A static copy of the
 * licence section of data/DATASET.md: extension pages may not import data/*.json (it would bundle the importer's
 * configuration into the page), so licences.test.ts checks this table against data/sources.json and DATASET.md.
 */

export interface SourceLicence {
  id: SourceId;
  /** "owner/name" on GitHub, or a plain name for our own list. */
  repo: string;
  url: string | null;
  /** The commit the dataset was built from (12 hex digits), null for our own list. */
  commit: string | null;
  /** SPDX id, or null when the source states no licence. */
  spdx: string | null;
  /** The copyright line the licence asks us to keep, if any. */
  notice: string | null;
}

export const SOURCE_LICENCES: readonly SourceLicence[] = [
  {
    id: 'aiot',
    repo: 'AIoT-MLSys-Lab/Efficient-LLMs-Survey',
    url: 'https://github.com/AIoT-MLSys-Lab/Efficient-LLMs-Survey',
    commit: 'ef0d8ae6276c',
    spdx: null,
    notice: null,
  },
  {
    id: 'horseee',
    repo: 'horseee/Awesome-Efficient-LLM',
    url: 'https://github.com/horseee/Awesome-Efficient-LLM',
    commit: '215a1540bc0e',
    spdx: null,
    notice: null,
  },
  {
    id: 'huangowen',
    repo: 'HuangOwen/Awesome-LLM-Compression',
    url: 'https://github.com/HuangOwen/Awesome-LLM-Compression',
    commit: '97dec3068d15',
    spdx: 'MIT',
    notice: 'Copyright (c) 2023 Owen Huang',
  },
  {
    id: 'tiingweii',
    repo: 'tiingweii-shii/Awesome-Resource-Efficient-LLM-Papers',
    url: 'https://github.com/tiingweii-shii/Awesome-Resource-Efficient-LLM-Papers',
    commit: 'd46010d1ea8f',
    spdx: 'CC0-1.0',
    notice: null,
  },
  {
    id: 'albalak',
    repo: 'alon-albalak/data-selection-survey',
    url: 'https://github.com/alon-albalak/data-selection-survey',
    commit: '6eaf38940369',
    spdx: 'CC0-1.0',
    notice: null,
  },
  {
    id: 'xnhyacinth',
    repo: 'Xnhyacinth/Awesome-LLM-Long-Context-Modeling',
    url: 'https://github.com/Xnhyacinth/Awesome-LLM-Long-Context-Modeling',
    commit: 'b7709ea9ec32',
    spdx: 'MIT',
    notice: 'Copyright (c) 2023-2025 Huanxuan Liao',
  },
  {
    id: 'xuefuzhao',
    repo: 'XueFuzhao/awesome-mixture-of-experts',
    url: 'https://github.com/XueFuzhao/awesome-mixture-of-experts',
    commit: '34c12aaec564',
    spdx: 'MIT',
    notice: null,
  },
  {
    id: 'rzfan525',
    repo: 'RZFan525/Awesome-ScalingLaws',
    url: 'https://github.com/RZFan525/Awesome-ScalingLaws',
    commit: 'df3a90be8a60',
    spdx: null,
    notice: null,
  },
  {
    id: 'curated',
    repo: 'efficiency-lens (this project)',
    url: null,
    commit: null,
    spdx: null,
    notice: null,
  },
];
