// SPDX-License-Identifier: Apache-2.0
// Loads a rendered precis HTML report in headless Chromium with the network disabled and checks, over
// the Chrome DevTools protocol on a pipe (--remote-debugging-pipe: fd 3 in, fd 4 out, NUL-separated
// JSON; no WebSocket library, no npm packages, no browser download), that:
//   - the page makes no network request other than loading itself,
//   - there are no console errors, uncaught exceptions or JavaScript dialogs,
//   - the DOM has no <script> and no <img>, and the sample name shows as text,
// then takes a full-page PNG screenshot and prints the page to PDF (A4 and Letter). With DOM_JSON it also
// writes what the rendered page shows for the caller to check: the Content-Security-Policy, the links, and
// every oncoprint cell (sample, status, biomarker, class, computed fill) of a cohort report.
// Usage: node check_page.mjs CHROMIUM REPORT.html OUTDIR [EXPECTED_TEXT] [DOM_JSON]
// Exit: 0 pass, 1 fail, 77 skip (cannot start Chromium).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [chromium, htmlPath, outDir, expectedText, domJson] = process.argv.slice(2);
if (!chromium || !htmlPath || !outDir) {
  console.error('usage: node check_page.mjs CHROMIUM REPORT.html OUTDIR [EXPECTED_TEXT] [DOM_JSON]');
  process.exit(2);
}
const pageUrl = pathToFileURL(resolve(htmlPath)).href;
const profile = mkdtempSync(join(tmpdir(), 'precis-browser-check-'));
const problems = [];
const requests = [];

const browser = spawn(chromium, [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--no-default-browser-check', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--disable-extensions', '--disable-default-apps', '--mute-audio',
  // Any host name lookup fails: the page could not reach the network even if it tried.
  '--host-resolver-rules=MAP * ~NOTFOUND',
  `--user-data-dir=${profile}`, '--remote-debugging-pipe', 'about:blank',
], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });

let stderr = '';
browser.stderr.on('data', (d) => { stderr += d.toString(); });
const toBrowser = browser.stdio[3];
const fromBrowser = browser.stdio[4];

let nextId = 1;
const pending = new Map();
const listeners = [];
let buffered = '';
fromBrowser.on('data', (chunk) => {
  buffered += chunk.toString('utf8');
  let end;
  while ((end = buffered.indexOf('\0')) >= 0) {
    const message = JSON.parse(buffered.slice(0, end));
    buffered = buffered.slice(end + 1);
    if (message.id && pending.has(message.id)) {
      const { resolve: ok, reject } = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) reject(new Error(JSON.stringify(message.error)));
      else ok(message.result);
    } else if (message.method) {
      for (const listener of listeners) listener(message);
    }
  }
});

function send(method, params = {}, sessionId = undefined) {
  const id = nextId++;
  const message = { id, method, params };
  if (sessionId) message.sessionId = sessionId;
  toBrowser.write(JSON.stringify(message) + '\0');
  return new Promise((ok, reject) => pending.set(id, { resolve: ok, reject }));
}

function waitFor(method, timeoutMs) {
  return new Promise((ok, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${method}`)), timeoutMs);
    listeners.push((m) => { if (m.method === method) { clearTimeout(timer); ok(m.params); } });
  });
}

listeners.push((m) => {
  const p = m.params || {};
  switch (m.method) {
    case 'Network.requestWillBeSent':
      requests.push(p.request.url);
      if (p.request.url !== pageUrl) problems.push(`network request: ${p.request.url}`);
      break;
    case 'Runtime.consoleAPICalled':
      if (p.type === 'error' || p.type === 'warning' || p.type === 'assert') {
        problems.push(`console ${p.type}: ${(p.args || []).map((a) => a.value ?? a.description).join(' ')}`);
      }
      break;
    case 'Runtime.exceptionThrown':
      problems.push(`uncaught exception: ${p.exceptionDetails?.text}`);
      break;
    case 'Log.entryAdded':
      if (p.entry.level === 'error' || p.entry.level === 'warning') {
        problems.push(`console ${p.entry.level} (${p.entry.source}): ${p.entry.text} ${p.entry.url || ''}`);
      }
      break;
    case 'Page.javascriptDialogOpening':
      problems.push(`JavaScript dialog opened: ${p.message}`);
      break;
    default:
      break;
  }
});

async function main() {
  const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
  const s = (method, params) => send(method, params, sessionId);
  await s('Page.enable');
  await s('Runtime.enable');
  await s('Log.enable');
  await s('Network.enable');
  await s('Network.emulateNetworkConditions', {
    offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1,
  });
  await s('Emulation.setDeviceMetricsOverride', { width: 1280, height: 900, deviceScaleFactor: 1, mobile: false });
  const loaded = waitFor('Page.loadEventFired', 30000);
  await s('Page.navigate', { url: pageUrl });
  await loaded;
  await new Promise((r) => setTimeout(r, 500));  // let late console messages arrive

  const probe = await s('Runtime.evaluate', {
    returnByValue: true,
    expression: `JSON.stringify({
      scripts: document.scripts.length,
      images: document.images.length,
      iframes: document.querySelectorAll('iframe,object,embed,link').length,
      handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
      h1: document.querySelector('h1') ? document.querySelector('h1').textContent : '',
      sections: [...document.querySelectorAll('section')].map(s => s.id),
      resources: performance.getEntriesByType('resource').map(r => r.name),
      summaryText: document.querySelector('#summary') ? document.querySelector('#summary').innerText : '',
      supportCaveats: [...document.querySelectorAll('#summary .support-caveat')].map(e => ({
        text: e.innerText, bottom: e.getBoundingClientRect().bottom })),
      viewportHeight: window.innerHeight,
      cohort: document.getElementById('oncoprint') !== null,
      csp: (document.querySelector('meta[http-equiv="Content-Security-Policy"]') || {}).content || '',
      links: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')),
      cells: [...document.querySelectorAll('#oncoprint rect.cell')].map(r => ({
        sample: r.parentNode.dataset.sample, status: r.parentNode.dataset.status,
        biomarker: r.dataset.biomarker, cls: r.getAttribute('class'), fill: getComputedStyle(r).fill,
        width: r.getBBox().width,
      })),
      legend: [...document.querySelectorAll('.legend li')].map(li => li.textContent),
    })`,
  });
  const dom = JSON.parse(probe.result.value);
  if (dom.scripts !== 0) problems.push(`${dom.scripts} <script> elements in the DOM`);
  if (dom.images !== 0) problems.push(`${dom.images} <img> elements in the DOM`);
  if (dom.iframes !== 0) problems.push(`${dom.iframes} iframe/object/embed/link elements`);
  if (dom.handlers !== 0) problems.push(`${dom.handlers} elements with on* handler attributes`);
  if (dom.resources.length !== 0) problems.push(`resources loaded: ${dom.resources.join(', ')}`);
  if (expectedText && !dom.h1.includes(expectedText)) {
    problems.push(`heading does not show the sample name as text: ${JSON.stringify(dom.h1)}`);
  }
  // The first screen of a sample report: numbers with their units, and the low-support caveat visible
  // without scrolling.
  if (!dom.cohort) {
    for (const unit of ['copies', 'mut/Mb', 'VAF']) {
      if (!dom.summaryText.includes(unit)) problems.push(`first screen lacks the unit "${unit}"`);
    }
    if (dom.supportCaveats.length === 0) {
      problems.push('the low-support (few reads / low VAF) caveat is not on the first screen');
    }
    for (const c of dom.supportCaveats) {
      if (c.bottom > dom.viewportHeight) {
        problems.push(`low-support caveat below the first screen (bottom ${c.bottom} > ${dom.viewportHeight}): ${c.text}`);
      }
    }
  }
  if (domJson) writeFileSync(domJson, JSON.stringify(dom, null, 1));
  // The sample report has its ten or more sections; the cohort report four.
  if (dom.sections.length < (dom.cohort ? 4 : 10)) problems.push(`only ${dom.sections.length} sections: ${dom.sections.join(',')}`);

  // Screenshots: the first screen (the summary must fit one screen) and the whole page.
  const top = await s('Page.captureScreenshot', { format: 'png' });
  writeFileSync(join(outDir, 'report_top.png'), Buffer.from(top.data, 'base64'));
  const metrics = await s('Page.getLayoutMetrics');
  const size = metrics.cssContentSize || metrics.contentSize;
  const full = await s('Page.captureScreenshot', {
    format: 'png', captureBeyondViewport: true,
    clip: { x: 0, y: 0, width: Math.ceil(size.width), height: Math.ceil(size.height), scale: 1 },
  });
  writeFileSync(join(outDir, 'report_full.png'), Buffer.from(full.data, 'base64'));
  // The same page in screen-sized parts, easier to review than one very tall image.
  const partHeight = 1200;
  for (let y = 0, part = 1; y < size.height; y += partHeight, part += 1) {
    const shot = await s('Page.captureScreenshot', {
      format: 'png', captureBeyondViewport: true,
      clip: { x: 0, y, width: Math.ceil(size.width), height: Math.min(partHeight, Math.ceil(size.height - y)), scale: 1 },
    });
    writeFileSync(join(outDir, `report_part${part}.png`), Buffer.from(shot.data, 'base64'));
  }

  for (const [name, w, h] of [['a4', 8.27, 11.69], ['letter', 8.5, 11]]) {
    const pdf = await s('Page.printToPDF', {
      paperWidth: w, paperHeight: h, printBackground: true, preferCSSPageSize: false,
      marginTop: 0, marginBottom: 0, marginLeft: 0, marginRight: 0,
    });
    const bytes = Buffer.from(pdf.data, 'base64');
    if (bytes.subarray(0, 5).toString() !== '%PDF-') problems.push(`print-to-PDF (${name}) is not a PDF`);
    writeFileSync(join(outDir, `report_${name}.pdf`), bytes);
  }
  await send('Browser.close').catch(() => {});
}

const watchdog = setTimeout(() => { problems.push('timed out'); finish(1); }, 90000);
let finishing = false;
function finish(code) {
  if (finishing) return;
  finishing = true;
  clearTimeout(watchdog);
  // Remove the profile only once Chromium has exited, or it may write into it again.
  const cleanUp = () => {
    try { rmSync(profile, { recursive: true, force: true }); } catch { /* ignore */ }
    process.exit(code);
  };
  if (browser.exitCode !== null || browser.signalCode !== null) {
    cleanUp();
    return;
  }
  browser.once('exit', cleanUp);
  setTimeout(cleanUp, 5000);
  try { browser.kill('SIGKILL'); } catch { cleanUp(); }
}

browser.on('error', (e) => { console.error(`SKIP: cannot start ${chromium}: ${e.message}`); finish(77); });
main().then(() => {
  console.log(`requests seen: ${requests.length} (${requests.join(', ')})`);
  if (problems.length) {
    for (const p of problems) console.error(`FAIL: ${p}`);
    finish(1);
  } else {
    console.log(`PASS: no network requests beyond the page, no console errors; screenshots and PDFs in ${outDir}`);
    finish(0);
  }
}).catch((e) => {
  console.error(`FAIL: ${e.message}\n${stderr.slice(-2000)}`);
  finish(1);
});
