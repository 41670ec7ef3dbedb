// Lighthouse 12 (accessibility, best practices, SEO) and pa11y (HTML_CodeSniffer WCAG2AA + axe) over every
// view of the police console and the residents' page, in English and Welsh, at a phone's and a desktop's
// width; the console's views signed in (the demo user's ID token put in sessionStorage before the page's
// scripts run). Not part of `make test`: the tools are installed outside the repository.
//
//   mkdir /tmp/audit-tools && cd /tmp/audit-tools && npm init -y
//   PUPPETEER_SKIP_DOWNLOAD=1 npm i -E lighthouse@12.2.3 pa11y puppeteer-core
//   BOBBIES_VERIFICATION=0 BOBBIES_STATE_DIR=/tmp/audit-state PORT=<free> make run       # in the repository
//   BOBBIES_STATE_DIR=/tmp/audit-state PYTHONPATH=layers/common/python:. .venv/bin/python -m tests.e2e.audit.seed
//     # a fresh stack; prints TASKING=... RECEIPT=... PROPOSAL=...
//   cp tests/e2e/audit/audit.mjs /tmp/audit-tools/
//   cd /tmp/audit-tools && REPO=<repository> BOBBIES_STATE_DIR=/tmp/audit-state TASKING=... RECEIPT=... PROPOSAL=... \
//     node audit.mjs <label> [view-name-regex]       # -> /tmp/audit-out/<label>.json and <label>/*.png, *.lh.json
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { navigation, snapshot } from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import lhPuppeteer from 'lighthouse/node_modules/puppeteer-core/lib/esm/puppeteer/puppeteer-core.js';
import puppeteer from 'puppeteer-core';
import pa11y from 'pa11y';

const label = process.argv[2] || 'run';
const filter = new RegExp(process.argv[3] || '.');
const REPO = process.env.REPO || process.cwd();
const STATE = process.env.BOBBIES_STATE_DIR || `${REPO}/.local`;
const OUT = process.env.AUDIT_OUT || '/tmp/audit-out';
const runner = JSON.parse(fs.readFileSync(`${STATE}/runner.json`));
const URL = runner.url;
const SIGN_IN = 'import sys, types; from local.testing import sign_in; '
  + 'print(sign_in(types.SimpleNamespace(url=sys.argv[1], state_dir=sys.argv[2]), sys.argv[3]))';
const token = (group) => execFileSync(`${REPO}/.venv/bin/python`, ['-c', SIGN_IN, URL, STATE, group],
  { cwd: REPO, env: { ...process.env, PYTHONPATH: 'layers/common/python:.' } }).toString().trim();
const TOKENS = { admin: token('admin'), moderator: token('moderator') };
const { TASKING, RECEIPT, PROPOSAL } = process.env;

const typeIn = (sel, text, submit) => async (page) => {
  await page.waitForSelector(sel, { visible: true });
  await page.type(sel, text);
  await page.click(submit);
};
const waitFor = (sel) => async (page) => { await page.waitForSelector(sel, { visible: true }); };

const TARGETS = [
  // the police console
  { name: 'police-sign-in', path: 'police/#/sign-in', ready: '#sign-in-form' },
  { name: 'police-sign-in-errors', path: 'police/#/sign-in', act: typeIn('#username', '', '#sign-in-submit'), after: '#username-error:not([hidden])' },
  { name: 'police-home', path: 'police/#/', auth: 'admin', ready: '#home-title' },
  { name: 'police-proposals', path: 'police/#/proposals', auth: 'admin', ready: '#proposals-title' },
  { name: 'police-taskings', path: 'police/#/taskings', auth: 'admin', ready: '#taskings-title' },
  { name: 'police-tasking', path: `police/#/taskings/${TASKING}`, auth: 'admin', ready: '#tasking-title' },
  { name: 'police-currency', path: 'police/#/currency', auth: 'admin', ready: '#currency-title' },
  { name: 'police-areas', path: 'police/#/areas', auth: 'admin', ready: '#areas-title' },
  { name: 'police-area', path: 'police/#/areas/amlwch', auth: 'admin', ready: '#area-title' },
  { name: 'police-subscriptions', path: 'police/#/subscriptions', auth: 'admin', ready: '#subscriptions-title' },
  { name: 'police-ballots', path: 'police/#/ballots', auth: 'admin', ready: '#ballots-title' },
  { name: 'police-forbidden', path: 'police/#/taskings', auth: 'moderator', ready: '#forbidden-title' },
  { name: 'police-missing', path: 'police/#/nowhere', auth: 'admin', ready: '#missing-title' },
  // the residents' page
  { name: 'home', path: '#/', ready: '#postcode' },
  { name: 'postcode-not-covered', path: '#/', act: typeIn('#postcode', 'CH1 1AA', '#postcode-submit'), after: '#not-covered:not([hidden])' },
  { name: 'postcode-invalid', path: '#/', act: typeIn('#postcode', 'XYZ', '#postcode-submit'), after: '#postcode-error:not([hidden])' },
  { name: 'ballot-closed', path: '#/area/amlwch', ready: '#ballot-title' },
  { name: 'results', path: '#/area/amlwch/results', ready: '#results-title' },
  { name: 'results-past-round', path: '#/area/dolgellau/results', ready: '#results-title' },
  { name: 'suggest', path: '#/area/amlwch/suggest', ready: '#suggest-title' },
  { name: 'suggestion-check', path: `#/suggestion/${PROPOSAL}`, ready: '#suggestion-check-title' },
  { name: 'receipt-check', path: `#/receipt/${RECEIPT}`, ready: '#receipt-check-title' },
  { name: 'receipt-unknown', path: '#/receipt/nosuchreceiptcode000', ready: '#receipt-check-title' },
  { name: 'missing', path: '#/area/nowhere', ready: '#missing-title' },
].filter((t) => filter.test(t.name));

const WIDTHS = {
  mobile: { width: 412, height: 823, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true },
  desktop: { width: 1350, height: 940, deviceScaleFactor: 1, isMobile: false, hasTouch: false },
};
const LANGS = (process.env.LANGS || 'en,cy').split(',');
const FORMS = (process.env.FORMS || 'mobile,desktop').split(',');

const urlOf = (t, lang) => {
  const [before, hash] = t.path.split('#');
  return `${URL}/${before}?lang=${lang}#${hash}`;
};

async function prepare(page, t, viewport) {
  await page.setViewport(viewport);
  const tok = t.auth ? TOKENS[t.auth] : '';
  await page.evaluateOnNewDocument((tk) => {
    try { if (tk) sessionStorage.setItem('bobbies.police.idToken', tk); else sessionStorage.removeItem('bobbies.police.idToken'); } catch {}
    try { localStorage.clear(); } catch {}
  }, tok);
}

async function settle(page, t) {
  await page.waitForSelector('html.ready');
  if (t.ready) await page.waitForSelector(t.ready, { visible: true });
  if (t.act) { await t.act(page); await page.waitForSelector(t.after, { visible: true }); }
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]') && !(document.getElementById('loading')?.textContent));
  await page.evaluate(() => document.fonts.ready);
}

const results = [];
const lhBrowser = await lhPuppeteer.launch({ executablePath: '/usr/bin/chromium', headless: 'new', args: ['--no-sandbox', '--disable-gpu'] });
const paBrowser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
fs.mkdirSync(`${OUT}/${label}`, { recursive: true });
for (const t of TARGETS) for (const lang of LANGS) for (const form of FORMS) {
  const url = urlOf(t, lang);
  const id = `${t.name}.${lang}.${form}`;
  const row = { id };
  // Lighthouse: a navigation for a view that loads by itself; a snapshot after the steps for a state
  try {
    const page = await lhBrowser.newPage();
    await prepare(page, t, WIDTHS[form]);
    const flags = { logLevel: 'error', onlyCategories: ['accessibility', 'best-practices', 'seo'], disableStorageReset: true,
      formFactor: form, screenEmulation: { mobile: form === 'mobile', ...WIDTHS[form], disabled: false } };
    const config = form === 'desktop' ? desktopConfig : undefined;
    let res;
    if (t.act) {
      await page.goto(url);
      await settle(page, t);
      res = await snapshot(page, { config, flags });
    } else {
      res = await navigation(page, url, { config, flags });
    }
    const lhr = res.lhr;
    row.lh = Object.fromEntries(Object.entries(lhr.categories).map(([k, c]) => [k, Math.round(c.score * 100)]));
    row.lhMode = lhr.gatherMode;
    row.lhFailed = Object.values(lhr.audits).filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual' && a.scoreDisplayMode !== 'notApplicable')
      .map((a) => ({ id: a.id, score: a.score, items: (a.details?.items || []).slice(0, 6).map((i) => i.node?.selector || i.node?.snippet || i.source?.url || i.description || JSON.stringify(i).slice(0, 160)) }));
    fs.writeFileSync(`${OUT}/${label}/${id}.lh.json`, JSON.stringify(lhr));
    await page.close();
  } catch (e) { row.lhError = String(e).slice(0, 300); }
  // pa11y: htmlcs (WCAG2AA) and axe, on the settled page
  try {
    const page = await paBrowser.newPage();
    await prepare(page, t, WIDTHS[form]);
    await page.goto(url, { waitUntil: 'networkidle2' });
    await settle(page, t);
    await page.screenshot({ path: `${OUT}/${label}/${id}.png`, fullPage: true });
    const r = await pa11y(url, { browser: paBrowser, page, ignoreUrl: true, runners: ['htmlcs', 'axe'], viewport: WIDTHS[form], includeWarnings: true, timeout: 60000 });
    const errors = r.issues.filter((i) => i.type === 'error');
    const warnings = r.issues.filter((i) => i.type === 'warning');
    row.pa11y = { errors: errors.length, warnings: warnings.length };
    row.pa11yIssues = r.issues.map((i) => `${i.type} ${i.runner} ${i.code} | ${i.selector} | ${i.message.slice(0, 140)}`);
    await page.close();
  } catch (e) { row.pa11yError = String(e).slice(0, 300); }
  results.push(row);
  console.log(JSON.stringify({ id, lh: row.lh, pa11y: row.pa11y, lhError: row.lhError, pa11yError: row.pa11yError }));
}
fs.writeFileSync(`${OUT}/${label}.json`, JSON.stringify(results, null, 1));
await lhBrowser.close();
await paBrowser.close();
