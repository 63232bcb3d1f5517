// esbuild plugins every service bundles with (serverless.yml: custom.esbuild.plugins points here;
// serverless-esbuild require()s this file, hence CommonJS).
//
// zod-english-only: Zod 4's `z` namespace re-exports every locale, and esbuild cannot drop them
// from a namespace object: about 260 KiB of each minified bundle (a fifth of it) that no function
// uses. Error messages are English (`z.config(en())` is what zod applies by default), so the
// locales index is replaced by one that exports `en` alone; `z.locales.en` keeps working.
const { dirname } = require('node:path');

const LOCALES_INDEX = /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.(c?)js$/;

/** @type {import('esbuild').Plugin} */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onLoad({ filter: LOCALES_INDEX }, (args) => {
      const commonJs = LOCALES_INDEX.exec(args.path)?.[1] === 'c';
      return {
        contents: commonJs ? "exports.en = require('./en.cjs').default;" : "export { default as en } from './en.js';",
        resolveDir: dirname(args.path),
        loader: 'js',
      };
    });
  },
};

module.exports = [zodEnglishOnly];
