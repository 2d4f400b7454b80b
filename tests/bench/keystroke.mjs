// Keystroke work as issue 19 defines it, measured in the page: per keystroke,
// performance.now() before the input event is dispatched (the input's value
// set, then `new InputEvent('input', {bubbles: true})`), the reactive updates,
// then a forced style and layout (document.body.offsetHeight), performance.now()
// after. No frame is waited for, so the figure is the work, not the frame grid.
//
// Leptos runs its effects (the findings memos, the DOM updates) in microtasks
// after the event handler returns, so a purely synchronous measure would stop
// before them. Each keystroke is therefore timed twice: `sync` (dispatch +
// layout, in the same script) and `work` (dispatch, then the microtask queue
// drained — the next task, via a MessageChannel — then layout). Each keystroke
// starts in the task right after a frame, so no frame falls inside `work`.
// DOM mutations are counted in both windows (MutationObserver.takeRecords), so
// the table says which window holds the app's updates.
import { percentile } from './stats.mjs';
import { freshPage, importDoc, projectStep, stepList } from './session.mjs';

const exact = { exact: true };

/** Each keystroke as the field's whole value after it: prefixes of each text, the field emptied before each. */
export function keystrokes(texts, atLeast = 100) {
  const out = [];
  while (out.length < atLeast) {
    for (const t of texts) {
      out.push('');
      const chars = [...t];
      for (let i = 1; i <= chars.length; i++) out.push(chars.slice(0, i).join(''));
    }
  }
  return out;
}

// What is typed: realistic values whose prefixes pass in and out of findings.
// The last value of each list leaves the field with different findings than
// the document had (checked after each run).
export const FIELDS = {
  value: {
    label: '指标值',
    texts: ['≥95%', '≤50元/件', '2023年6月底前', '≥1.5万份', '不低于98%', '≤5个工作日', '=12次', '明显提升', '≥3000人'],
  },
  code: {
    label: '项目编码',
    // A sound code, then the first project's code (a duplicate: document-level).
    texts: (doc) => ['13081123P00021510001E', '130811', doc.projects[0].code],
  },
  total: {
    label: '预算数',
    // Amounts that do and do not equal 财政资金 + 其他资金 (D1, document-level sums).
    texts: (doc) => ['1234.56', doc.projects.at(-1).budget.total, '99.5', '12'],
  },
};

// In the page: type `strokes` into `el`, timing each keystroke.
async function typeInPage(el, strokes) {
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  const nextTask = () => new Promise((r) => {
    const c = new MessageChannel();
    c.port1.onmessage = () => r();
    c.port2.postMessage(0);
  });
  // What a preparer sees of the field's findings: its state and its messages
  // (document-level findings of 项目编码 and 预算数 show there too). Cheap, as
  // it runs between keystrokes and shows in the CPU profile.
  const seen = () => {
    const ids = (el.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
    const msgs = ids.map((id) => document.getElementById(id)?.textContent ?? '').join('|');
    return `${el.getAttribute('aria-invalid')}#${msgs}`;
  };
  let delivered = 0;
  const observer = new MutationObserver((records) => { delivered += records.length; });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  const out = { sync: [], work: [], syncMutations: 0, workMutations: 0, lateMutations: 0, changed: 0, late: 0, first: seen() };
  let after = out.first;
  el.focus();
  for (const text of strokes) {
    await frame();
    await nextTask();
    // Anything the app changed after the timed window (in a later task or a
    // frame) would make the figure short of the real work: count it.
    const before = seen();
    if (before !== after) out.late += 1;
    const late = delivered + observer.takeRecords().length;
    if (out.sync.length > 0) out.lateMutations += late;
    delivered = 0;
    const t0 = performance.now();
    el.value = text;
    el.dispatchEvent(new InputEvent('input', { bubbles: true }));
    void document.body.offsetHeight;
    const t1 = performance.now();
    const syncRecords = observer.takeRecords().length;
    out.syncMutations += syncRecords;
    await nextTask();
    void document.body.offsetHeight;
    const t2 = performance.now();
    out.workMutations += syncRecords + delivered + observer.takeRecords().length;
    delivered = 0;
    out.sync.push(t1 - t0);
    out.work.push(t2 - t0);
    after = seen();
    if (after !== before) out.changed += 1;
  }
  observer.disconnect();
  await frame();
  out.last = seen();
  out.value = el.value;
  return out;
}

/** The control of `field` in the last project of `doc` (steps are projects). */
async function control(page, field, projects) {
  await projectStep(page, projects).click();
  const locator = page.getByLabel(FIELDS[field].label, exact);
  // 指标值 is a cell of every row: the last row's.
  return field === 'value' ? locator.last() : locator;
}

/**
 * One run: a fresh page, `text` imported, `field` of the last project typed
 * into. `profile(page, body)`, if given, wraps the typing.
 */
export async function keystrokeRun(browser, url, text, field, { profile } = {}) {
  const doc = JSON.parse(text);
  const projects = doc.projects.length;
  const { context, page } = await freshPage(browser, url);
  try {
    await importDoc(page, text, projects);
    const el = await control(page, field, projects);
    await el.waitFor();
    const spec = FIELDS[field];
    const strokes = keystrokes(typeof spec.texts === 'function' ? spec.texts(doc) : spec.texts);
    const type = () => el.evaluate(typeInPage, strokes);
    const r = profile ? await profile(page, type) : await type();
    const want = strokes.at(-1);
    // The measure is real only if the app took every keystroke: the field,
    // drawn again from the app's state after leaving the step, holds the text.
    await stepList(page).getByRole('button', { name: /基本信息/ }).click();
    const again = await control(page, field, projects);
    const held = await again.inputValue();
    if (held !== want) throw new Error(`${spec.label}: field holds ${JSON.stringify(held)}, typed ${JSON.stringify(want)}`);
    if (r.last === r.first) throw new Error(`${spec.label}: no finding changed after typing`);
    if (r.changed === 0 || r.workMutations === 0) throw new Error(`${spec.label}: keystrokes changed nothing on screen`);
    return {
      n: r.work.length,
      p50: percentile(r.work, 0.5),
      p95: percentile(r.work, 0.95),
      syncP50: percentile(r.sync, 0.5),
      syncP95: percentile(r.sync, 0.95),
      syncMutations: r.syncMutations,
      workMutations: r.workMutations,
      changed: r.changed,
      late: r.late,
      lateMutations: r.lateMutations,
    };
  } finally {
    await context.close();
  }
}

/** The floor: the same timing on a page with one bare input and no listener. */
export async function bareRun(browser) {
  const page = await browser.newPage();
  await page.setContent('<input aria-label="x">');
  const r = await page.locator('input').evaluate(typeInPage, keystrokes(['≥95%', '≤50元/件', '2023年6月底前'], 100));
  await page.close();
  return { n: r.work.length, p50: percentile(r.work, 0.5), p95: percentile(r.work, 0.95) };
}
