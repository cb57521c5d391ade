// Runs after `npm install` (the postinstall script): says once why the
// EBADENGINE warnings above are harmless, when they were printed. Plain
// JavaScript, so it runs on whichever Node npm finds. npm's user agent names the Node npm ran on.
const ranOn = /\bnode\/v(\d+)/.exec(process.env.npm_config_user_agent ?? '')?.[1];
if (ranOn && Number(ranOn) < 22) {
  console.log(
    `\nnote: npm ran on Node ${ranOn}, so it warned EBADENGINE for packages that want Node >= 22. Harmless here: ` +
      'every npm script runs the Node in node_modules/.bin (Node 24, pinned in package-lock.json).\n',
  );
}
