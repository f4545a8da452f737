// Convene's registration widget. An event website embeds it with:
//   <script type="module" src="https://<convene>/widget/convene-registration.js"></script>
//   <convene-registration event="<readable event id>" token="<application token>"></convene-registration>
// or, where a site builder strips custom elements, with
//   <div data-convene-registration data-event="…" data-token="…"></div>
// The page's origin must be listed for the application. `api="https://…"` (`data-api`)
// names another Convene than the one this script comes from. The language is the
// element's `lang`, else the nearest ancestor's (the page's <html lang>): French or
// English.
//
// The form itself is Rust (convene_widget, `widget/src/page/`): what to show, the API's
// own checks, reading the API's answers and every wording. This script only builds what
// Rust describes, talks to the Events API and listens to the form (doing that from Rust
// took most of the WASM's weight).
import init, { Widget } from './convene_widget.js';
// The look: esbuild bundles the minified style sheet in as text (`cargo xtask build`).
import STYLE from './widget.css';

const ready = init({ module_or_path: new URL('./convene_widget_bg.wasm', import.meta.url) });
const OWN_ORIGIN = new URL(import.meta.url).origin;
const report = (e) => console.error('convene-registration:', e);

/** Waits between asking again for a webinar's join link, in milliseconds: about half a
 * minute in all, the time the provider usually takes; after that the organizer sends it. */
const JOIN_LINK_WAITS = [2000, 3000, 5000, 8000, 12000];

/** The element a Rust node describes: `[tag, [name, value, …], child…]`, each child a node
 * or a string, inserted as text (never as markup). */
function build([tag, attributes, ...children]) {
  const element = document.createElement(tag);
  for (let i = 0; i < attributes.length; i += 2) element.setAttribute(attributes[i], attributes[i + 1]);
  element.append(...children.map((child) => (typeof child === 'string' ? child : build(child))));
  return element;
}

/** The Events API's answer, as the Rust side reads it: `[status, parsed JSON body or
 * undefined]`, or null when there is none (network down, or a refusal the browser hides). */
async function answer(url, body) {
  const init = body === undefined ? {} : { method: 'POST', body, headers: { 'content-type': 'application/json' } };
  try {
    const response = await fetch(url, init);
    const text = await response.text();
    try {
      return [response.status, JSON.parse(text)];
    } catch {
      return [response.status, undefined];
    }
  } catch {
    return null;
  }
}

async function mount(host, api, event, token, lang, current) {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  // A constructed style sheet, not a <style> element: a page whose Content-Security-Policy
  // forbids inline styles still styles the form.
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(STYLE);
  root.adoptedStyleSheets = [sheet];
  const widget = new Widget(api, event, token, lang);
  root.replaceChildren(build(widget.loading()));
  const reads = widget.reads();
  if (reads.length === 0) return;
  // The reads run together.
  const answers = await Promise.all(reads.map((url) => answer(url)));
  // The element's attributes changed while this loaded: the newer rendering shows instead.
  if (!current()) return;
  const view = build(widget.load(answers));
  root.replaceChildren(view);
  if (view.tagName !== 'FORM') return;
  // The registration's idempotency key: a form sent twice registers once.
  const key = crypto.randomUUID();
  view.addEventListener('submit', (e) => {
    e.preventDefault();
    submit(view, root, widget, key).catch(report);
  });
}

async function submit(form, root, widget, key) {
  const body = widget.check([...new FormData(form)], key);
  if (typeof body !== 'string') return showErrors(root, body);
  const button = form.querySelector('button');
  button.disabled = true;
  button.textContent = widget.button(true);
  const url = widget.registration();
  const outcome = widget.outcome(await answer(url, body));
  button.disabled = false;
  button.textContent = widget.button(false);
  if (!outcome.done) return showErrors(root, outcome);
  const done = build(outcome.done);
  form.replaceWith(done);
  root.getElementById('cv-done').focus();
  if (!outcome.join) return;
  // The webinar's join link: known now, or once a replay of the registration (same
  // idempotency key) carries it; meanwhile, and if it never comes, the organizer sends it.
  const line = done.appendChild(build(['p', ['class', 'join']]));
  let link = outcome.link;
  for (let tries = 0; !link; tries++) {
    line.textContent = outcome.later;
    if (tries === JOIN_LINK_WAITS.length) return;
    await new Promise((resolve) => setTimeout(resolve, JOIN_LINK_WAITS[tries]));
    link = widget.joinLink(await answer(url, body));
  }
  line.replaceChildren(build(link));
}

/** Shows `problem` above the form and each error under its control (an error whose
 * control the form lacks joins the problem); focuses the first field in error. */
function showErrors(root, { controls, problem, errors }) {
  for (const id of controls) {
    root.getElementById(id)?.removeAttribute('aria-invalid');
    const line = root.getElementById(`${id}-error`);
    if (line) line.textContent = '';
  }
  let summary = problem;
  let first;
  for (const [id, sentence] of errors) {
    const [control, line] = [root.getElementById(id), root.getElementById(`${id}-error`)];
    if (control && line) {
      control.setAttribute('aria-invalid', 'true');
      line.textContent = sentence;
      first ??= control;
    } else {
      summary += ` ${sentence}.`;
    }
  }
  root.getElementById('cv-summary').textContent = summary;
  (first?.querySelector('input') ?? first)?.focus();
}

/** Each element's latest rendering: an earlier one still loading stops when it resumes. */
const renderings = new WeakMap();

function render(element, attr) {
  const rendering = {};
  renderings.set(element, rendering);
  const current = () => renderings.get(element) === rendering;
  const lang = element.closest('[lang]')?.getAttribute('lang') ?? '';
  ready
    .then(() => mount(element, attr('api') || OWN_ORIGIN, attr('event'), attr('token'), lang, current))
    .catch(report);
}

class ConveneRegistration extends HTMLElement {
  static observedAttributes = ['event', 'token', 'api', 'lang'];

  connectedCallback() {
    this.rendered = true;
    render(this, (name) => this.getAttribute(name) ?? '');
  }

  attributeChangedCallback() {
    if (this.rendered) this.connectedCallback();
  }
}

if (!customElements.get('convene-registration')) {
  customElements.define('convene-registration', ConveneRegistration);
}

// The plain variant: every such element in the page when this module runs (module
// scripts run once the document is parsed).
for (const element of document.querySelectorAll('[data-convene-registration]')) {
  render(element, (name) => element.dataset[name] ?? '');
}
