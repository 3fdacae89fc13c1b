// Every relative link of the repository's Markdown files (git ls-files '*.md') must name a file or folder that
// exists, and a #fragment must name a heading of its file, spelt as GitHub makes heading anchors.
// Run from the repository root: node .ci/md-links.mjs (make test-docs). Web links are not fetched.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

const files = execFileSync('git', ['ls-files', '*.md'], { encoding: 'utf8' }).split('\n').filter(Boolean);
// Text outside fenced code blocks and inline code, where Markdown sees links and headings.
const prose = (file) => readFileSync(file, 'utf8').replace(/^(```|~~~)[^]*?^\1/gm, '').replace(/`[^`\n]*`/g, (code) =>
  code.replace(/[\[\]()]/g, ' '));
// GitHub's anchor of a heading: lower case, punctuation dropped (not - or _), spaces to -, repeats numbered -1, -2.
const anchors = (file) => {
  const seen = new Map();
  return new Set([...readFileSync(file, 'utf8').replace(/^(```|~~~)[^]*?^\1/gm, '').matchAll(/^#{1,6}\s+(.*)$/gm)]
    .map(([, text]) => {
      const slug = text.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
      const n = seen.get(slug) ?? 0;
      seen.set(slug, n + 1);
      return n ? `${slug}-${n}` : slug;
    }));
};
const broken = [];
let checked = 0;
for (const file of files) {
  for (const [, target] of prose(file).matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
    checked++;
    const [path, fragment] = target.split('#');
    const resolved = path ? normalize(join(dirname(file), decodeURIComponent(path))) : file;
    if (!existsSync(resolved)) broken.push(`${file}: ${target} (no ${resolved})`);
    else if (fragment && statSync(resolved).isFile() && resolved.endsWith('.md') && !anchors(resolved).has(fragment))
      broken.push(`${file}: ${target} (no heading #${fragment} in ${resolved})`);
  }
}
broken.forEach((line) => console.error(`broken link: ${line}`));
console.log(`${files.length} Markdown files, ${checked} relative links, ${broken.length} broken`);
process.exit(broken.length ? 1 : 0);
