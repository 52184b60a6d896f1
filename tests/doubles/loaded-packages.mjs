// Preloaded with `node --import ./tests/doubles/loaded-packages.mjs ...`: when the process exits, prints one
// line naming the npm packages it loaded through require (the chat SDKs and database drivers are CommonJS).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
process.on('exit', () => {
  const names = new Set();
  for (const file of Object.keys(require.cache)) {
    const at = file.lastIndexOf('node_modules');
    if (at < 0) continue;
    const [scope = '', name = ''] = file.slice(at + 'node_modules'.length + 1).split(/[\\/]/);
    names.add(scope.startsWith('@') ? `${scope}/${name}` : scope);
  }
  process.stderr.write(`\nLOADED_PACKAGES ${JSON.stringify([...names].sort())}\n`);
});
