// Every relative link in README.md and docs/ points to a file that exists, and every #anchor to a
// heading of that page (as GitHub makes anchors from headings).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { anchors, links } from './markdown.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const pages = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

describe('links in README.md and docs/', () => {
  it('finds the pages and their links', () => {
    expect(pages).toContain('docs/dashboard.md');
    expect(links(readFileSync(join(root, 'README.md'), 'utf8')).length).toBeGreaterThan(5);
  });

  for (const page of pages) {
    it(`${page}: every link reaches a file and an anchor`, () => {
      const broken: string[] = [];
      for (const href of links(readFileSync(join(root, page), 'utf8'))) {
        if (/^[a-z]+:/i.test(href)) continue;
        const [path, anchor] = href.split('#') as [string, string | undefined];
        const target = path ? join(root, dirname(page), decodeURIComponent(path)) : join(root, page);
        if (!existsSync(target)) {
          broken.push(`${href}: no file ${relative(root, target)}`);
          continue;
        }
        if (anchor && target.endsWith('.md') && !anchors(readFileSync(target, 'utf8')).has(anchor)) broken.push(`${href}: no heading makes #${anchor}`);
      }
      expect(broken).toEqual([]);
    });
  }
});

describe('anchors as GitHub makes them', () => {
  it('lowercases, drops punctuation, joins words with dashes and numbers repeats', () => {
    expect([...anchors('# The real node (`cluster/node/`)\n## Keys\n## Keys\n```\n# not a heading\n```\n')]).toEqual(['the-real-node-clusternode', 'keys', 'keys-1']);
  });
});
