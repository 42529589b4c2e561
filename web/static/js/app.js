// Renders every chart on the page from the Vega-Lite spec inlined next to
// it, as SVG, with Vega's expression interpreter instead of Function(), so
// the page works under a Content-Security-Policy without 'unsafe-eval'.
import { expressionInterpreter } from 'vega-interpreter';

const violations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  violations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline'));
  document.body.dataset.cspViolations = violations.join('\n');
});

async function render(fig) {
  const spec = JSON.parse(fig.querySelector('script.spec').textContent);
  // The figure's caption already shows the title; the downloaded spec
  // keeps it.
  delete spec.title;
  const target = fig.querySelector('.vis');
  try {
    const res = await vegaEmbed(target, spec, {
      renderer: 'svg',
      actions: false,
      ast: true,
      expr: expressionInterpreter,
      defaultStyle: false,
      tooltip: { disableDefaultStyle: true },
    });
    fig.dataset.rendered = 'true';
    return res;
  } catch (err) {
    fig.dataset.error = String(err && err.message || err);
    target.textContent = 'The chart could not be drawn: ' + fig.dataset.error;
    throw err;
  }
}

async function main() {
  const figs = [...document.querySelectorAll('figure[data-chart]')];
  const results = await Promise.allSettled(figs.map(render));
  document.body.dataset.charts = results.every((r) => r.status === 'fulfilled') ? 'rendered' : 'failed';
}

// Light interactivity: selects marked data-autosubmit submit their form
// when a choice is made with the mouse or touch, or confirmed with Enter.
// A change made with the keyboard alone waits for Enter or the form's
// Show button: arrow keys, typing and Home/End on a closed select fire
// "change" at each key in Chromium (e2e TestSelectorKeyboard) and other
// browsers, and submitting then left the page at the first key (WCAG
// 3.2.2; technique SCR19).
for (const el of document.querySelectorAll('select[data-autosubmit]')) {
  let keyed = false;
  let submitted = false;
  const submit = () => {
    if (!submitted) {
      submitted = true;
      el.form.requestSubmit();
    }
  };
  el.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      keyed = false;
      // Enter on a closed select confirms what the arrows chose; with the
      // list open, the change that follows submits.
      if ([...el.options].some((o) => o.selected !== o.defaultSelected)) {
        e.preventDefault();
        submit();
      }
    } else if (!['Tab', 'Shift', 'Control', 'Alt', 'Meta', 'Escape'].includes(e.key)) {
      keyed = true;
    }
  });
  el.addEventListener('pointerdown', () => { keyed = false; });
  // A page restored from the back-forward cache can submit again.
  window.addEventListener('pageshow', () => { keyed = false; submitted = false; });
  el.addEventListener('change', () => {
    if (keyed) {
      el.form.dataset.pending = 'true';
      return;
    }
    submit();
  });
}
// Example links on the claim page fill the text box before navigating.
for (const a of document.querySelectorAll('a[data-example]')) {
  a.addEventListener('click', () => {
    const box = document.getElementById('claim-text');
    if (box) box.value = a.dataset.example;
  });
}

main();
