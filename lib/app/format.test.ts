import { describe, expect, it } from 'vitest';
import { formatBytes, formatDate, formatDateTime } from './format';

describe('format', () => {
  const when = Date.UTC(2025, 2, 12, 15, 30);
  it('formats dates in the UI locale and never throws', () => {
    expect(formatDate(when, 'en')).toMatch(/Mar 12, 2025|12 Mar 2025/);
    expect(formatDate(when, 'zh-CN')).toMatch(/2025年3月1[23]日/);
    expect(formatDate(null, 'en')).toBe('');
    expect(formatDate(Number.NaN, 'en')).toBe('');
    expect(formatDate(when, 'not a locale!!')).toMatch(/2025/);
    expect(formatDateTime(when, 'en')).toMatch(/2025/);
    expect(formatDateTime(undefined, 'en')).toBe('');
  });

  it.each<[number, string]>([
    [0, '0 B'],
    [512, '512 B'],
    [1024, '1 KB'],
    [1536, '1.5 KB'],
    [102_400, '100 KB'],
    [5 * 1024 * 1024, '5 MB'],
    [-1, ''],
    [Number.NaN, ''],
  ])('formatBytes(%d) → %j', (bytes, text) => {
    expect(formatBytes(bytes, 'en')).toBe(text);
  });
});
