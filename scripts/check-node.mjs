// Stops any npm script that would run on a Node too old for the project (node:sqlite, type stripping,
// vitest 5 and Electron 45 need Node >= 22.13; the project pins Node 24 as a devDependency).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  console.error(
    `Chat Desk needs Node >= 22.13 (Node 24 recommended), but this script runs on Node ${process.versions.node}.\n` +
      'The project installs Node 24 as a devDependency (node@24), which npm puts first on the PATH of every script.\n' +
      'If node_modules/.bin/node is missing (for example after "npm ci --ignore-scripts"), run "npm rebuild node",\n' +
      'or run "npm install" again, then retry.',
  );
  process.exit(1);
}
