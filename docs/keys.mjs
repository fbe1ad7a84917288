// npm run docs:keys: writes the key table of docs/dashboard.md from the bindings (dist/ui/key-table.js).
import { readFileSync, writeFileSync } from 'node:fs';
import { withKeyTable } from '../dist/ui/key-table.js';

const page = new URL('./dashboard.md', import.meta.url);
writeFileSync(page, withKeyTable(readFileSync(page, 'utf8')));
console.log('docs/dashboard.md: key table written');
