// What the compiled copy gives its packages (Puppeteer) for the `debug` package. Puppeteer
// logs every protocol message through debug(), and makes a new logger each time (namespace
// matching, options, a function object): some 2 ms of the main thread per issue printed, for
// logs that are off. Unless DEBUG is set, the loggers here are one function that does
// nothing; with DEBUG set, this is the `debug` package itself, loaded from node_modules at
// run time, and the logs come out as ever.
import { createRequire } from 'node:module';

const off = Object.assign(() => undefined, { enabled: false, namespace: '', extend: () => off, log: () => undefined, destroy: () => true });
// The package's own surface, for the packages that configure it (simple-git adds formatters).
const quiet = Object.assign(() => off, { enabled: () => false, enable: () => undefined, disable: () => '', formatters: {}, names: [], skips: [], inspectOpts: {}, log: () => undefined });

export default process.env.DEBUG ? createRequire(import.meta.url)('debug') : quiet;
