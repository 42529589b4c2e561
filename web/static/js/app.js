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

// Light interactivity: selects marked data-autosubmit submit their form.
for (const el of document.querySelectorAll('select[data-autosubmit]')) {
  el.addEventListener('change', () => el.form.requestSubmit());
}
// Example links on the claim page fill the text box before navigating.
for (const a of document.querySelectorAll('a[data-example]')) {
  a.addEventListener('click', () => {
    const box = document.getElementById('claim-text');
    if (box) box.value = a.dataset.example;
  });
}

main();
