// esbuild plugins every service bundles with (serverless.yml: custom.esbuild.plugins points here;
// serverless-esbuild require()s this file, hence CommonJS). Each one leaves out of a Lambda
// bundle code that no function runs; bench:cold-start measures them (issue 14).
//
// zod-english-only: Zod 4's `z` namespace re-exports every locale, and esbuild cannot drop them
// from a namespace object: about 260 KiB of each minified bundle (a fifth of it) that no function
// uses. Error messages are English (`z.config(en())` is what zod applies by default), so the
// locales index is replaced by one that exports `en` alone; `z.locales.en` keeps working.
//
// sequelize-side-effect-free: importing Sequelize runs nothing a function needs, so an import
// whose names go unused is dropped. @platform/db's index re-exports Sequelize's model API, and
// functions that only read the database settings schema (auth-service's jwks and authorizer)
// bundled all of Sequelize for it (2.3 MiB instead of about 700 KiB).
//
// sequelize-postgres-only: Sequelize requires each dialect by name when an instance is made
// (`new Sequelize(…, { dialect })`); the platform's is postgres (@platform/db). The other seven
// dialects' modules become one that throws, naming the dialect. Their data types stay (Sequelize
// loads them all at start).
//
// moment-timezone-without-data: moment-timezone's index loads the whole IANA database (650 KiB).
// Sequelize only asks it whether its `timezone` option is a zone name; @platform/db never sets
// one, so Sequelize's default offset (`+00:00`) is used and no zone data is ever read. A zone name
// would be answered "not a zone" (Sequelize then treats it as an offset and Postgres refuses it).
//
// pino-without-transports: pino's transports run in worker threads (thread-stream); Lambda logs
// are stdout lines, which is what @platform/logger writes. `pino.transport()` throws instead.
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

/** @type {import('esbuild').Plugin} */
const sequelizeSideEffectFree = {
  name: 'sequelize-side-effect-free',
  setup(build) {
    build.onResolve({ filter: /^sequelize$/ }, async (args) => {
      if (args.pluginData?.resolvingSequelize) return undefined;
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: { resolvingSequelize: true },
      });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      return { ...resolved, sideEffects: false };
    });
  },
};

const OTHER_DIALECT =
  /[\\/]sequelize[\\/]lib[\\/]dialects[\\/](mariadb|mssql|mysql|oracle|sqlite|db2|snowflake)[\\/]index\.js$/;

/** @type {import('esbuild').Plugin} */
const sequelizePostgresOnly = {
  name: 'sequelize-postgres-only',
  setup(build) {
    build.onLoad({ filter: OTHER_DIALECT }, (args) => ({
      contents: `throw new Error(${JSON.stringify(
        `Sequelize's ${OTHER_DIALECT.exec(args.path)?.[1]} dialect is not bundled: the platform's database is postgres (tools/scripts/esbuild-plugins.cjs)`,
      )});`,
      loader: 'js',
    }));
  },
};

const MOMENT_TIMEZONE_INDEX = /[\\/]moment-timezone[\\/]index\.js$/;

/** @type {import('esbuild').Plugin} */
const momentTimezoneWithoutData = {
  name: 'moment-timezone-without-data',
  setup(build) {
    build.onLoad({ filter: MOMENT_TIMEZONE_INDEX }, (args) => ({
      contents: "module.exports = require('./moment-timezone');",
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

const PINO_TRANSPORT = /[\\/]pino[\\/]lib[\\/]transport\.js$/;

/** @type {import('esbuild').Plugin} */
const pinoWithoutTransports = {
  name: 'pino-without-transports',
  setup(build) {
    build.onLoad({ filter: PINO_TRANSPORT }, () => ({
      contents:
        "module.exports = function transport() { throw new Error('pino transports (worker threads) are not bundled: Lambda logs go to stdout (tools/scripts/esbuild-plugins.cjs)'); };",
      loader: 'js',
    }));
  },
};

module.exports = [
  zodEnglishOnly,
  sequelizeSideEffectFree,
  sequelizePostgresOnly,
  momentTimezoneWithoutData,
  pinoWithoutTransports,
];
