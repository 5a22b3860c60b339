// The benchmark's peers (md-to-pdf, pagedjs-cli) depend on the full `puppeteer`, whose
// install script would download a browser build: that cannot work on these machines, and
// the system Chromium (/usr/bin/chromium) is used instead. scripts/setup.js also sets
// PUPPETEER_SKIP_DOWNLOAD=1 for `npm ci`.
module.exports = { skipDownload: true };
