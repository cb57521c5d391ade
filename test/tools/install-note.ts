// Runs after `npm install` (the postinstall script): says once why the
// EBADENGINE warnings above are harmless, when they were printed, so a
// newcomer is not left wondering. npm's user agent names the Node it ran on.
const ranOn = /\bnode\/v(\d+)/.exec(process.env.npm_config_user_agent ?? '')?.[1];
if (ranOn && Number(ranOn) < 22) {
  console.log(
    `\nnote: npm ran on Node ${ranOn}, so it warned EBADENGINE for packages that want Node >= 22. Harmless here: ` +
      `every npm script runs Node ${process.versions.node.split('.')[0]} from node_modules/.bin (the "node" devDependency).\n`,
  );
}
